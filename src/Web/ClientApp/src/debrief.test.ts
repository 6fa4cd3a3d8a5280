import { describe, expect, it } from "vitest";
import { actionsByVersion, decisionsOf, filterDecisions, momentAt, noFilter, roundEnds, step, timelineMarks, type Where, whereAt, wordWall } from "./debrief";
import type { Moment, ReflectionRecord, Stage, TableDebrief } from "./protocol";
import { headline } from "./test/fixtures";

function moment(version: number, stage: Stage, round: number, phase: string | null, fields: Partial<Moment> = {}): Moment {
  return { version, at: "2026-12-06T12:00:00Z", kind: "flow_changed", round, stage, phase, seat: null, role: null, metrics: [], resources: [], ...fields };
}

const timeline: Moment[] = [
  moment(1, "lobby", 0, null, { kind: "seat_taken", seat: 0 }),
  moment(2, "briefing", 0, null, { kind: "game_started" }),
  moment(3, "playing", 1, "propose"),
  moment(4, "playing", 1, "propose", { kind: "action_taken", seat: 0, role: "alderman" }),
  moment(5, "playing", 1, "decide"),
  moment(6, "role_swap", 1, null),
  moment(7, "role_swap", 1, null, { kind: "reflection_given", seat: 1, role: "resident" }),
  moment(8, "playing", 2, "propose"),
  moment(9, "debrief", 2, null),
];

function table(fields: Partial<TableDebrief> = {}): TableDebrief {
  return {
    sessionId: "w/1",
    table: 1,
    version: 9,
    flow: { stage: "debrief", round: 2, phase: 0, paused: false, canPause: false },
    timeline,
    series: [],
    seats: [],
    proposals: [],
    ballots: [],
    dilemmas: [],
    handoverNotes: [],
    reflections: [],
    score: { metrics: [], sharedGoals: [], total: 0 },
    contribution: {},
    pinnedNotes: [],
    ...fields,
  };
}

const now: Where = { round: 2, stage: "debrief", phase: null };

describe("the timeline's marks", () => {
  it("mark the versions after which the game was in each round and phase (a moment says where it was before its event), and nothing outside play", () => {
    expect(timelineMarks(timeline, now)).toEqual([
      { from: 2, to: 4, kind: "round", round: 1, phase: null },
      { from: 2, to: 3, kind: "phase", round: 1, phase: "propose" },
      { from: 4, to: 4, kind: "phase", round: 1, phase: "decide" },
      { from: 7, to: 7, kind: "round", round: 2, phase: null },
      { from: 7, to: 7, kind: "phase", round: 2, phase: "propose" },
    ]);
  });

  it("end a round that is still being played at the last event, where the table is now", () => {
    const playing = timeline.slice(0, 8);
    expect(timelineMarks(playing, { round: 2, stage: "playing", phase: "propose" }).at(-1)).toEqual({ from: 7, to: 8, kind: "phase", round: 2, phase: "propose" });
  });

  it("say where each round's story is whole: its last version in play", () => {
    expect([...roundEnds(timelineMarks(timeline, now))]).toEqual([
      [1, 4],
      [2, 7],
    ]);
  });

  it("say where the game was at a version: after its event, in the lobby before the first", () => {
    expect(whereAt(timeline, 0, now)).toEqual({ round: 0, stage: "lobby", phase: null });
    expect(whereAt(timeline, 2, now)).toEqual({ round: 1, stage: "playing", phase: "propose" });
    expect(whereAt(timeline, 5, now)).toEqual({ round: 1, stage: "role_swap", phase: null });
    expect(whereAt(timeline, 9, now)).toEqual(now);
  });

  it("find the moment at a version, and none before the first event", () => {
    expect(momentAt(timeline, 0)).toBeNull();
    expect(momentAt(timeline, 4)?.kind).toBe("action_taken");
    expect(momentAt(timeline, 100)?.version).toBe(9);
  });

  it("step one event at a time, never past either end", () => {
    expect(step(0, -1, 9)).toBe(0);
    expect(step(0, 1, 9)).toBe(1);
    expect(step(9, 1, 9)).toBe(9);
    expect(step(5, -1, 9)).toBe(4);
  });
});

describe("the decisions", () => {
  const played = table({
    proposals: [
      {
        id: 1,
        version: 5,
        round: 1,
        seat: 1,
        role: "resident",
        to: "alderman",
        action: "subsidy",
        note: "voor de verwarming",
        answers: [{ version: 6, seat: 0, role: "alderman", answer: "accept", note: "", changes: [] }],
        outcome: "accept",
      },
    ],
    ballots: [
      {
        id: 1,
        version: 8,
        round: 2,
        subject: "action",
        subjectId: "close_bar",
        calledBy: 0,
        calledByRole: "resident",
        votes: { "0": "yes", "1": "no", "2": "yes" },
        tally: null,
        outcome: null,
        closedAt: null,
      },
      { id: 2, version: 9, round: 2, subject: "dilemma", subjectId: "leak", calledBy: null, calledByRole: null, votes: {}, tally: { repair: 2 }, outcome: "repair", closedAt: 9 },
      { id: 3, version: 8, round: 2, subject: "dilemma", subjectId: "noise", calledBy: null, calledByRole: null, votes: {}, tally: { wait: 0 }, outcome: null, closedAt: 8 },
    ],
    dilemmas: [
      { dilemma: "leak", version: 9, round: 2, injected: false, option: "repair", seat: null, role: null, decidedBy: "vote", resolvedAt: 9, changes: [] },
      { dilemma: "noise", version: 8, round: 2, injected: false, option: "wait", seat: null, role: null, decidedBy: "default", resolvedAt: 8, changes: [] },
      { dilemma: "storm", version: 7, round: 1, injected: true, option: "wait", seat: 0, role: "alderman", decidedBy: "seat", resolvedAt: 7, changes: [] },
    ],
  });
  const rows = decisionsOf(played, actionsByVersion([headline(4, { subject: "meeting" }), headline(5, { kind: "proposal", subject: "subsidy" })]));

  it("list actions (named from the story), proposals with answers, votes with counts and dilemmas with who decided, in order; a dilemma put to the vote once", () => {
    expect(rows.map((d) => [d.version, d.kind, d.subject, d.outcome])).toEqual([
      [4, "action", "meeting", null],
      [5, "proposal", "subsidy", "accept"],
      [7, "dilemma", "storm", "wait"],
      [8, "vote", "close_bar", null],
      [8, "dilemma", "noise", "wait"],
      [9, "dilemma", "leak", "repair"],
    ]);
    expect(rows[4]?.decidedBy).toBe("default");
    expect(rows[5]?.tally).toEqual({ repair: 2 });
    expect(rows[1]?.answers).toEqual([{ seat: 0, role: "alderman", answer: "accept", note: "" }]);
    expect(rows[3]?.tally).toEqual({ yes: 2, no: 1 });
    expect(rows[5]?.decidedBy).toBe("vote");
    expect(rows[2]?.decidedBy).toBe("seat");
  });

  it("keep every decision without a filter", () => {
    expect(filterDecisions(rows, noFilter)).toHaveLength(6);
  });

  it("filter by round, by kind, and by role: who acted, was asked or answered", () => {
    expect(filterDecisions(rows, { ...noFilter, round: 2 }).map((d) => d.version)).toEqual([8, 8, 9]);
    expect(filterDecisions(rows, { ...noFilter, kind: "dilemma" }).map((d) => d.version)).toEqual([7, 8, 9]);
    expect(filterDecisions(rows, { ...noFilter, role: "alderman" }).map((d) => d.version)).toEqual([4, 5, 7]);
    expect(filterDecisions(rows, { round: 1, role: "resident", kind: "proposal" }).map((d) => d.version)).toEqual([5]);
  });
});

describe("the word wall", () => {
  const reflection = (word: string, role = "alderman"): ReflectionRecord => ({ version: 1, seat: 0, role, round: 1, word, text: "" });

  it("counts a word however it was capitalised or spaced, and sizes it by how often it was given", () => {
    const wall = wordWall([
      reflection("Machteloos"),
      reflection(" machteloos ", "resident"),
      reflection("machteloos"),
      reflection("trots"),
      reflection("blij"),
      reflection("blij"),
    ]);
    expect(wall).toEqual([
      { word: "machteloos", count: 3, size: 5, roles: ["alderman", "resident"] },
      { word: "blij", count: 2, size: 3, roles: ["alderman"] },
      { word: "trots", count: 1, size: 1, roles: ["alderman"] },
    ]);
  });

  it("gives every word the same size when all were given equally often, and skips empty words", () => {
    expect(wordWall([reflection("a"), reflection("b"), reflection("  ")]).map((w) => w.size)).toEqual([1, 1]);
    expect(wordWall([reflection("a"), reflection("a"), reflection("b"), reflection("b")]).map((w) => w.size)).toEqual([3, 3]);
    expect(wordWall([])).toEqual([]);
  });
});
