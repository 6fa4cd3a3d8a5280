import type { FlowState, Headline, Moment, ReflectionRecord, ScenarioInfo, Stage, TableDebrief } from "./protocol";

// The debrief page's pure logic: where the rounds and phases lie on the scrubber, the decisions
// of a table as one filterable list, and the reflection words sized by how often they were given.

/** A stretch of the timeline: one round (or the lobby, briefing, role swap, debrief) from its first event to its last. */
export interface TimelineMark {
  /** The first version of the stretch (the scrubber's value that jumps to it). */
  from: number;
  /** The last version of the stretch. */
  to: number;
  kind: "round" | "phase";
  round: number;
  /** The phase's id, for a phase mark. */
  phase: string | null;
}

/** Where the game was: its round, stage and (while playing) the phase's id. */
export interface Where {
  round: number;
  stage: Stage;
  phase: string | null;
}

/** Where the table's flow is now, as a Where (the phase by its id in the scenario). */
export const whereOf = (flow: FlowState, scenario: ScenarioInfo): Where => ({
  round: flow.round,
  stage: flow.stage,
  phase: flow.stage === "playing" ? (scenario.phases[flow.phase]?.id ?? null) : null,
});

/**
 * Where the game was after each event — what the scrubber shows at that version. A moment says
 * where the game was when its event happened (before it), so after one event is before the next,
 * and after the last is where the table is now (`now`).
 */
export function wheresAfter(timeline: Moment[], now: Where): Where[] {
  return timeline.map((_, i) => {
    const next = timeline[i + 1];
    return next ? { round: next.round, stage: next.stage, phase: next.phase } : now;
  });
}

/**
 * Where each round begins and ends on the scrubber, and where each of its phases begins: the
 * versions at which the game was in that round (stage playing) or phase. Rounds in order; a
 * phase mark for every phase a round went through.
 */
export function timelineMarks(timeline: Moment[], now: Where): TimelineMark[] {
  const marks: TimelineMark[] = [];
  let round: TimelineMark | null = null;
  let phase: TimelineMark | null = null;
  const afters = wheresAfter(timeline, now);
  timeline.forEach((m, i) => {
    const at = afters[i] as Where;
    if (at.stage !== "playing") {
      round = null;
      phase = null;
      return;
    }
    if (!round || round.round !== at.round) {
      round = { from: m.version, to: m.version, kind: "round", round: at.round, phase: null };
      marks.push(round);
      phase = null;
    }
    round.to = m.version;
    if (!phase || phase.phase !== at.phase) {
      phase = { from: m.version, to: m.version, kind: "phase", round: at.round, phase: at.phase };
      marks.push(phase);
    }
    phase.to = m.version;
  });
  return marks;
}

/** Where the game was at a version: after its event; before the first event, in the lobby. */
export function whereAt(timeline: Moment[], version: number, now: Where): Where {
  const i = indexAt(timeline, version);
  if (i < 0) return { round: 0, stage: "lobby", phase: null };
  const next = timeline[i + 1];
  return next ? { round: next.round, stage: next.stage, phase: next.phase } : now;
}

function indexAt(timeline: Moment[], version: number): number {
  let lo = 0;
  let hi = timeline.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((timeline[mid] as Moment).version <= version) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The event at a version (the newest at or before it); null before the first event. */
export function momentAt(timeline: Moment[], version: number): Moment | null {
  return timeline[indexAt(timeline, version)] ?? null;
}

export type DecisionKind = "action" | "proposal" | "vote" | "dilemma";

/** One decision at a table, as the decisions table shows it; texts are made by the component. */
export interface Decision {
  version: number;
  round: number;
  kind: DecisionKind;
  /** The seat that acted, proposed, called the vote or decided the dilemma; null for the table or nobody. */
  seat: number | null;
  /** The role that seat held then. */
  role: string | null;
  /** An action id (action, proposal, vote on an action) or a dilemma id. */
  subject: string;
  /** The role a proposal went to. */
  to: string | null;
  /** accept/reject/counter/expire, a vote's outcome, a dilemma's option; null while open. */
  outcome: string | null;
  /** Every vote's count ("yes" → 3), for votes. */
  tally: Record<string, number> | null;
  /** For dilemmas: "seat", "vote" or "default". */
  decidedBy: string | null;
  note: string;
  /** The answers to a proposal, in order (seat, role, answer, note). */
  answers: { seat: number | null; role: string | null; answer: string; note: string }[];
}

/**
 * A table's decisions in the order they were made: direct actions from the timeline (named by
 * `actionByVersion`), proposals with their
 * answers, votes with their counts, dilemmas with who decided.
 */
export function decisionsOf(table: TableDebrief, actionByVersion: ReadonlyMap<number, string>): Decision[] {
  const rows: Decision[] = [];
  for (const m of table.timeline) {
    if (m.kind !== "action_taken") continue;
    rows.push({
      version: m.version,
      round: m.round,
      kind: "action",
      seat: m.seat,
      role: m.role,
      subject: actionByVersion.get(m.version) ?? "",
      to: null,
      outcome: null,
      tally: null,
      decidedBy: null,
      note: "",
      answers: [],
    });
  }
  for (const p of table.proposals) {
    rows.push({
      version: p.version,
      round: p.round,
      kind: "proposal",
      seat: p.seat,
      role: p.role,
      subject: p.action,
      to: p.to,
      outcome: p.outcome,
      tally: null,
      decidedBy: null,
      note: p.note,
      answers: p.answers.map((a) => ({ seat: a.seat, role: a.role, answer: a.answer, note: a.note })),
    });
  }
  // A dilemma put to the vote is one decision: its row is the dilemma's (who or what decided), with the ballot's counts.
  const dilemmaKey = (round: number, dilemma: string) => `${round}:${dilemma}`;
  const dilemmaBallots = new Map(table.ballots.filter((b) => b.subject === "dilemma").map((b) => [dilemmaKey(b.round, b.subjectId), b]));
  const decided = new Set(table.dilemmas.map((d) => dilemmaKey(d.round, d.dilemma)));
  for (const b of table.ballots) {
    if (b.subject === "dilemma" && decided.has(dilemmaKey(b.round, b.subjectId))) continue;
    rows.push({
      version: b.version,
      round: b.round,
      kind: b.subject === "dilemma" ? "dilemma" : "vote",
      seat: b.calledBy,
      role: b.calledByRole,
      subject: b.subjectId,
      to: null,
      outcome: b.outcome,
      tally: b.tally ?? countVotes(b.votes),
      decidedBy: b.subject === "dilemma" ? "vote" : null,
      note: "",
      answers: [],
    });
  }
  for (const d of table.dilemmas) {
    const ballot = dilemmaBallots.get(dilemmaKey(d.round, d.dilemma));
    rows.push({
      version: d.version,
      round: d.round,
      kind: "dilemma",
      seat: d.seat,
      role: d.role,
      subject: d.dilemma,
      to: null,
      outcome: d.option,
      tally: ballot ? (ballot.tally ?? countVotes(ballot.votes)) : null,
      decidedBy: d.decidedBy,
      note: "",
      answers: [],
    });
  }
  return rows.sort((a, b) => a.version - b.version);
}

/**
 * Which action each direct action of the timeline was: the timeline names the event, not the action,
 * so the page reads it from the rounds' stories (a headline of kind "action" has the action as subject).
 */
export function actionsByVersion(headlines: Headline[]): Map<number, string> {
  return new Map(headlines.filter((h) => h.kind === "action" && h.subject).map((h) => [h.version, h.subject as string]));
}

/** The version at which each round's story is whole: its last moment while playing. */
export function roundEnds(marks: TimelineMark[]): Map<number, number> {
  return new Map(marks.filter((m) => m.kind === "round").map((m) => [m.round, m.to]));
}

function countVotes(votes: Record<string, string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const option of Object.values(votes)) counts[option] = (counts[option] ?? 0) + 1;
  return counts;
}

export interface DecisionFilter {
  round: number | null;
  role: string | null;
  kind: DecisionKind | null;
}

export const noFilter: DecisionFilter = { round: null, role: null, kind: null };

/** The decisions a filter keeps: a role matches who acted and, for proposals, who was asked or answered. */
export function filterDecisions(rows: Decision[], filter: DecisionFilter): Decision[] {
  return rows.filter(
    (d) =>
      (filter.round === null || d.round === filter.round) &&
      (filter.kind === null || d.kind === filter.kind) &&
      (filter.role === null || d.role === filter.role || d.to === filter.role || d.answers.some((a) => a.role === filter.role)),
  );
}

export interface WallWord {
  word: string;
  count: number;
  /** 1 (given once, or the least) to 5 (the most given). */
  size: 1 | 2 | 3 | 4 | 5;
  /** The roles that gave it. */
  roles: string[];
}

/**
 * The reflection words for a word wall: the same word however it was capitalised or spaced counts
 * once per time given; the size grows with the count from 1 (the least) to 5 (the most), the most
 * given first, then alphabetical.
 */
export function wordWall(reflections: ReflectionRecord[]): WallWord[] {
  const words = new Map<string, { word: string; count: number; roles: Set<string> }>();
  for (const r of reflections) {
    const shown = r.word.trim().replace(/\s+/g, " ");
    if (!shown) continue;
    const key = shown.toLocaleLowerCase("nl");
    const entry = words.get(key) ?? { word: shown.toLocaleLowerCase("nl"), count: 0, roles: new Set<string>() };
    entry.count++;
    entry.roles.add(r.role);
    words.set(key, entry);
  }
  const counts = [...words.values()].map((w) => w.count);
  const least = Math.min(...counts);
  const most = Math.max(...counts);
  return [...words.values()]
    .map((w) => ({
      word: w.word,
      count: w.count,
      size: (most === least ? (most > 1 ? 3 : 1) : 1 + Math.round(((w.count - least) / (most - least)) * 4)) as WallWord["size"],
      roles: [...w.roles].sort(),
    }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, "nl"));
}

/** The rounds a table played (1..n as far as its seats' histories go). */
export function roundsPlayed(table: TableDebrief): number[] {
  const rounds = new Set<number>();
  for (const s of table.seats) for (const r of s.rounds) if (r.round > 0) rounds.add(r.round);
  return [...rounds].sort((a, b) => a - b);
}

/** The next version to show when stepping one event forward (+1) or back (−1), within 0..last. */
export function step(version: number, direction: 1 | -1, last: number): number {
  return Math.min(last, Math.max(0, version + direction));
}
