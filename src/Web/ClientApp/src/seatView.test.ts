import { describe, expect, it } from "vitest";
import { REOPEN_EVERY_MS, reopenDelay, WHOLE_VIEW_WAIT_MS } from "./delta";
import type { PlayerUpdate, SeatView } from "./protocol";
import { type HeldUpdate, mergeUpdate } from "./seatView";
import { seats } from "./test/fixtures";

const view: SeatView = {
  scenario: "buurthuis",
  version: 12,
  flow: { stage: "playing", round: 1, phase: 0, paused: false, canPause: true },
  phaseId: "propose",
  deadline: "2026-12-06T20:00:00Z",
  pausedSeconds: null,
  metrics: [{ id: "trust", value: 50, changeThisRound: 0 }],
  seats,
  seat: 1,
  role: { id: "official", resources: [{ id: "hours", value: 10 }], goalsMet: [] },
  actions: [{ id: "advise", available: true, reason: null }],
  proposals: [],
  ballot: null,
  dilemma: null,
  next: null,
  points: 0,
  achievements: [],
  communityScore: null,
  messages: [],
};

function update(version: number, after: number, fields: Partial<SeatView>, sessionId = "w/1"): PlayerUpdate {
  return { sessionId, version, after, view: { version, ...fields }, summary: { round: 1, startedAfter: 10, after, headlines: [] }, brief: null };
}

const whole = mergeUpdate(null, { ...update(12, 0, {}), view }) as HeldUpdate;

describe("mergeUpdate", () => {
  it("takes a whole view as it is", () => {
    expect(whole.view).toEqual(view);
    expect(whole.version).toBe(12);
  });

  it("sets the fields a delta on the held version carries and keeps the others", () => {
    const next = mergeUpdate(whole, update(13, 12, { points: 3, actions: [{ id: "advise", available: false, reason: 0 }] }));
    expect(next?.version).toBe(13);
    expect(next?.view).toEqual({ ...view, version: 13, points: 3, actions: [{ id: "advise", available: false, reason: 0 }] });
    expect(whole.view.points).toBe(0);
  });

  it("clears a field a delta sends as null", () => {
    const paused = mergeUpdate(whole, update(13, 12, { pausedSeconds: 90 }));
    const resumed = mergeUpdate(paused, update(14, 13, { pausedSeconds: null, deadline: null }));
    expect(resumed?.view.pausedSeconds).toBeNull();
    expect(resumed?.view.deadline).toBeNull();
    expect(resumed?.view.phaseId).toBe("propose");
  });

  it("drops a delta on another version than the one held, or with no view held", () => {
    expect(mergeUpdate(whole, update(14, 13, { points: 3 }))).toBeNull();
    expect(mergeUpdate(null, update(13, 12, { points: 3 }))).toBeNull();
  });

  it("drops a delta of another table's session", () => {
    expect(mergeUpdate(whole, update(13, 12, { points: 3 }, "w/2"))).toBeNull();
  });

  it("keeps what it holds when an older push arrives", () => {
    const next = mergeUpdate(whole, update(13, 12, { points: 3 })) as HeldUpdate;
    expect(mergeUpdate(next, update(12, 11, { points: 1 }))).toBe(next);
  });

  it("starts over with a whole view of another table", () => {
    const other = mergeUpdate(whole, { ...update(2, 0, {}, "w/2"), view: { ...view, version: 2 } });
    expect(other?.sessionId).toBe("w/2");
    expect(other?.view.version).toBe(2);
  });
});

describe("reopenDelay", () => {
  it("waits a moment for the whole view on its way, and re-opens at most once per few seconds", () => {
    expect(reopenDelay(Number.NEGATIVE_INFINITY, 1000)).toBe(WHOLE_VIEW_WAIT_MS);
    expect(reopenDelay(1000, 1500)).toBe(REOPEN_EVERY_MS - 500);
    expect(reopenDelay(1000, 1000 + REOPEN_EVERY_MS)).toBe(WHOLE_VIEW_WAIT_MS);
  });
});
