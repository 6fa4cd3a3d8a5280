import { describe, expect, it } from "vitest";
import type { FacilitatorTable, ProjectorTable } from "./protocol";
import { mergeTable, type TableMessage } from "./tableFeed";
import { seats } from "./test/fixtures";

const whole: FacilitatorTable = {
  sessionId: "w/1",
  table: 1,
  version: 12,
  after: 0,
  flow: { stage: "playing", round: 1, phase: 0, paused: false, canPause: true },
  phaseId: "propose",
  deadline: null,
  pausedSeconds: null,
  metrics: [{ id: "trust", value: 50, changeThisRound: 0 }],
  seats,
  resources: { "official.hours": 10 },
  proposals: [],
  ballot: null,
  openDilemma: null,
  swapRequests: [],
  reflections: [],
  plan: [["official"]],
  communityScore: 0,
  contribution: {},
  summary: { round: 1, startedAfter: 10, after: 0, headlines: [] },
  pinnedNotes: [],
  waiting: [0, 1],
  injects: [],
  messages: [],
  notes: [],
};

function delta(version: number, after: number, fields: Partial<FacilitatorTable>, sessionId = "w/1"): TableMessage<FacilitatorTable> {
  return { sessionId, table: 1, version, after, summary: { round: 1, startedAfter: 10, after, headlines: [] }, ...fields };
}

describe("mergeTable", () => {
  it("takes a whole table, and sets the fields a delta on it carries, keeping the rest", () => {
    const held = mergeTable<FacilitatorTable>(null, whole);
    expect(held).toEqual(whole);
    const merged = mergeTable(held, delta(13, 12, { waiting: [1], ballot: null, resources: { "official.hours": 8 } }));
    expect(merged).toEqual({ ...whole, version: 13, after: 12, waiting: [1], resources: { "official.hours": 8 }, summary: { ...whole.summary, after: 12 } });
    expect(merged?.plan).toBe(whole.plan);
  });

  it("sets a field that became null to null", () => {
    const held = { ...whole, openDilemma: "d1" };
    expect(mergeTable(held, delta(13, 12, { openDilemma: null }))?.openDilemma).toBeNull();
  });

  it("drops a delta that does not fit: nothing held, another base, another session", () => {
    expect(mergeTable(null, delta(13, 12, {}))).toBeNull();
    expect(mergeTable(whole, delta(14, 13, { waiting: [] }))).toBeNull();
    expect(mergeTable(whole, delta(13, 12, {}, "w/1b"))).toBeNull();
  });

  it("keeps the held table for an older push of the same session, and takes a new session's whole table whatever its version", () => {
    expect(mergeTable(whole, delta(11, 10, {}))).toBe(whole);
    expect(mergeTable(whole, { ...whole, version: 11 })).toBe(whole);
    const moved = { ...whole, sessionId: "w/1b", version: 1 };
    expect(mergeTable(whole, moved)).toEqual(moved);
  });

  it("takes a projector's table (no after) as whole", () => {
    const projector: ProjectorTable = {
      sessionId: "w/1",
      table: 1,
      version: 12,
      flow: whole.flow,
      phaseId: null,
      deadline: null,
      pausedSeconds: null,
      metrics: [],
      seats,
      summary: whole.summary,
      dilemma: null,
      ballot: null,
      words: [],
    };
    expect(mergeTable(null, projector)).toBe(projector);
    expect(mergeTable(projector, { ...projector, version: 13 })?.version).toBe(13);
  });
});
