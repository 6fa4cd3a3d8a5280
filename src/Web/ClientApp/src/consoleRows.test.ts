import { describe, expect, it } from "vitest";
import { assignmentEffects, openCounts, openRequests, presence, waitingNames } from "./components/console/rows";
import type { FacilitatorTable } from "./protocol";

function table(over: Partial<FacilitatorTable> = {}): FacilitatorTable {
  return {
    sessionId: "w/1",
    table: 1,
    version: 10,
    after: 0,
    flow: { stage: "playing", round: 1, phase: 0, paused: false, canPause: true },
    phaseId: "explore",
    deadline: null,
    pausedSeconds: null,
    metrics: [],
    seats: [
      { seat: 0, name: "Anna", present: true, left: false, role: "alderman", points: 0, bot: null },
      { seat: 1, name: "Bram", present: false, left: false, role: "official", points: 0, bot: null },
      { seat: 2, name: "Cor", present: true, left: false, role: "resident", points: 0, bot: null },
      { seat: 3, name: "Dina", present: false, left: true, role: null, points: 0, bot: null },
    ],
    resources: {},
    proposals: [],
    ballot: null,
    openDilemma: null,
    swapRequests: [],
    reflections: [],
    plan: [
      ["alderman", "official", "resident", ""],
      ["official", "resident", "alderman", ""],
    ],
    communityScore: 0,
    contribution: {},
    summary: { round: 1, startedAfter: 0, after: 0, headlines: [] },
    waiting: [],
    injects: [],
    messages: [],
    notes: [],
    pinnedNotes: [],
    ...over,
  };
}

describe("the overview row", () => {
  it("counts who is here of those who play, not those who left", () => {
    expect(presence(table())).toEqual({ here: 2, of: 3 });
  });

  it("counts votes of present players and leaves a dilemma the table votes on to the vote", () => {
    const ballot = { id: 4, subject: "dilemma" as const, subjectId: "leak", calledBy: -1, calledByRole: "", options: ["a", "b"], votes: { "0": "a" } };
    expect(openCounts(table({ ballot, openDilemma: "leak" }))).toEqual({ proposals: 0, votes: { cast: 1, of: 2 }, dilemma: null });
    expect(openCounts(table({ openDilemma: "leak" })).dilemma).toBe("leak");
  });

  it("names who has not acted yet", () => {
    expect(waitingNames(table({ waiting: [1, 2] }))).toEqual(["Bram", "Cor"]);
  });
});

describe("assigning a role", () => {
  it("warns that the seat holding the role swaps, and which request it undoes", () => {
    const requests = [{ seat: 2, role: "alderman", note: "" }];
    const effects = assignmentEffects(table({ swapRequests: requests }), 0, "alderman");
    expect(effects.swapsWith).toEqual({ seat: 2, gets: "official" });
    expect(effects.cancels).toEqual(requests);
  });

  it("says nothing when the seat already has the role", () => {
    expect(assignmentEffects(table(), 1, "resident")).toEqual({ swapsWith: null, cancels: [] });
  });

  it("drops a request from the list once the plan grants it", () => {
    const granted = { seat: 0, role: "official", note: "" };
    const open = { seat: 1, role: "alderman", note: "" };
    expect(openRequests(table({ swapRequests: [granted, open] }))).toEqual([open]);
  });
});
