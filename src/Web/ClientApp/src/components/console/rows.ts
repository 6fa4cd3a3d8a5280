import type { FacilitatorTable, RoleSwapRequest } from "../../protocol";

/** How many of a table's players are here: present seats of those that play (not left). */
export function presence(table: FacilitatorTable): { here: number; of: number } {
  const playing = table.seats.filter((s) => !s.left);
  return { here: playing.filter((s) => s.present).length, of: playing.length };
}

/** What waits at a table, counted for its overview row. */
export interface OpenCounts {
  /** Proposals (and counters) waiting for an answer. */
  proposals: number;
  /** The open vote: votes cast of present players, or null. */
  votes: { cast: number; of: number } | null;
  /** The open dilemma's id when a role (not a vote) still has to decide it. */
  dilemma: string | null;
}

export function openCounts(table: FacilitatorTable): OpenCounts {
  const voters = table.seats.filter((s) => !s.left && s.present).length;
  const ballot = table.ballot;
  const byVote = !!ballot && ballot.subject === "dilemma" && ballot.subjectId === table.openDilemma;
  return {
    proposals: table.proposals.length,
    votes: ballot ? { cast: Object.keys(ballot.votes).length, of: voters } : null,
    dilemma: table.openDilemma && !byVote ? table.openDilemma : null,
  };
}

/** The names of the seats that have something to do in this phase and have not acted yet. */
export const waitingNames = (table: FacilitatorTable): string[] => table.waiting.map((seat) => table.seats.find((s) => s.seat === seat)?.name ?? `#${seat + 1}`);

/** The round whose roles an assignment changes: round 1 before play, else the next. */
export const assignRound = (table: FacilitatorTable): number => (table.flow.stage === "lobby" || table.flow.stage === "briefing" ? 1 : table.flow.round + 1);

/** The plan row of the round an assignment changes (role id per seat, "" for none), or null. */
export const nextPlan = (table: FacilitatorTable): string[] | null => table.plan[assignRound(table) - 1] ?? null;

/**
 * A request is granted once the plan gives that seat the role it asked for in the round to come:
 * it leaves the list of requests.
 */
export function openRequests(table: FacilitatorTable): RoleSwapRequest[] {
  const plan = nextPlan(table);
  return table.swapRequests.filter((r) => plan?.[r.seat] !== r.role);
}

/** What an assignment does besides giving the seat its role: a seat it swaps with, and requests it undoes. */
export interface AssignmentEffects {
  /** The seat that holds the role now and gets the assigned seat's old role (the server swaps them). */
  swapsWith: { seat: number; gets: string } | null;
  /** Requests that were granted or still open and that this assignment makes impossible. */
  cancels: RoleSwapRequest[];
}

/**
 * What giving `seat` the role `role` for the next round does to the others, as the rules will do it
 * (src/Scenarios/Rules/Turn.Swaps.cs): the first other seat holding the role swaps with it.
 */
export function assignmentEffects(table: FacilitatorTable, seat: number, role: string): AssignmentEffects {
  const plan = nextPlan(table);
  if (!plan || plan[seat] === role) return { swapsWith: null, cancels: [] };
  const left = new Set(table.seats.filter((s) => s.left).map((s) => s.seat));
  const other = plan.findIndex((r, i) => i !== seat && r === role && !left.has(i));
  const after = [...plan];
  after[seat] = role;
  if (other >= 0) after[other] = plan[seat] ?? "";
  const cancels = table.swapRequests.filter((r) => (r.seat === seat || r.seat === other) && after[r.seat] !== r.role);
  return { swapsWith: other >= 0 ? { seat: other, gets: plan[seat] ?? "" } : null, cancels };
}
