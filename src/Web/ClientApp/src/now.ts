import type { BallotView, DilemmaView, SeatView } from "./protocol";

/** One thing a phase asks of me, in the order the phone shows them at the top. */
export type NowItem = "role" | "proposal" | "dilemma" | "ballot" | "actions" | "wait";

/** The open dilemma when it is mine to settle: my role decides it, or the table votes on it now. */
export function myDilemma(view: Pick<SeatView, "dilemma" | "ballot">): DilemmaView | null {
  const d = view.dilemma;
  if (!d) return null;
  const voting = d.decidedBy === "vote" && view.ballot?.subject === "dilemma" && view.ballot.subjectId === d.id;
  return d.mineToDecide || voting ? d : null;
}

/** The open vote on an action (a dilemma's vote is shown on its card). */
export function actionBallot(view: Pick<SeatView, "dilemma" | "ballot">): BallotView | null {
  const b = view.ballot;
  if (!b) return null;
  return view.dilemma && b.subject === "dilemma" && b.subjectId === view.dilemma.id ? null : b;
}

/**
 * What this phase asks of me, first things first: a new role I have not looked at yet comes before
 * anything I could decide with it; then a proposal to answer, my dilemma or its vote, a vote on an
 * action, and my actions. Nothing asked: wait. Outside play nothing is asked here.
 */
export function nowItems(view: Pick<SeatView, "flow" | "role" | "proposals" | "dilemma" | "ballot" | "actions">, roleSeen: boolean): NowItem[] {
  if (view.flow.stage !== "playing") return [];
  if (view.role && !roleSeen) return ["role"];
  const items: NowItem[] = [];
  if (view.proposals.some((p) => p.mineToAnswer)) items.push("proposal");
  // A vote once cast asks nothing more (its card stays, showing my choice).
  const dilemma = myDilemma(view);
  if (dilemma && (dilemma.mineToDecide || view.ballot?.myVote === null)) items.push("dilemma");
  const ballot = actionBallot(view);
  if (ballot && ballot.myVote === null) items.push("ballot");
  if (view.actions.some((a) => a.available)) items.push("actions");
  return items.length > 0 ? items : ["wait"];
}

/**
 * Whether a phone has shown this role to its player: the first round's role was on the briefing;
 * a role taken at a swap counts once acknowledged (at the swap or on the play page), and so does
 * keeping the same role.
 */
export function roleSeen(round: number, role: string | null, acknowledged: string | null): boolean {
  return role === null || round <= 1 || acknowledged === role;
}

/** Whether an item is the table waiting for my answer or vote (a proposal, my dilemma, a ballot): then my actions can wait. */
export function asksAnswer(item: NowItem): boolean {
  return item === "proposal" || item === "dilemma" || item === "ballot";
}
