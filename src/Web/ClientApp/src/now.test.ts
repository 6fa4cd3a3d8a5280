import { describe, expect, it } from "vitest";
import { asksAnswer, nowItems, roleSeen } from "./now";
import type { ActionView, BallotView, DilemmaView, ProposalView, SeatView } from "./protocol";

const base: Pick<SeatView, "flow" | "role" | "proposals" | "dilemma" | "ballot" | "actions"> = {
  flow: { stage: "playing", round: 2, phase: 0, paused: false, canPause: true },
  role: { id: "resident", resources: [], goalsMet: [] },
  proposals: [],
  dilemma: null,
  ballot: null,
  actions: [],
};
const text = { nl: "", en: "" };
const dilemma = (fields: Partial<DilemmaView> = {}): DilemmaView => ({ id: "leak", title: text, body: text, options: [], decidedBy: "alderman", mineToDecide: false, ...fields });
const ballot = (fields: Partial<BallotView> = {}): BallotView => ({ id: 1, subject: "dilemma", subjectId: "leak", options: [], myVote: null, votesCast: 0, voters: 3, ...fields });
const proposal = (fields: Partial<ProposalView> = {}): ProposalView => ({
  id: 7,
  fromSeat: 0,
  fromRole: "alderman",
  toRole: "resident",
  action: "subsidy",
  note: "",
  countered: false,
  counterNote: "",
  mineToAnswer: true,
  ...fields,
});
const action = (available: boolean): ActionView => ({ id: "meeting", available, reason: available ? null : 0 });

describe("the now block", () => {
  it("asks me to look at a new role before anything I could decide with it", () => {
    expect(nowItems({ ...base, dilemma: dilemma({ mineToDecide: true }) }, false)).toEqual(["role"]);
  });

  it("puts a proposal to answer, my dilemma, a vote on an action and my actions in that order", () => {
    const view = {
      ...base,
      proposals: [proposal()],
      dilemma: dilemma({ mineToDecide: true }),
      ballot: ballot({ subject: "action", subjectId: "festival" }),
      actions: [action(true)],
    };
    expect(nowItems(view, true)).toEqual(["proposal", "dilemma", "ballot", "actions"]);
  });

  it("leaves out someone else's dilemma, my own waiting proposal and actions not possible now", () => {
    const view = { ...base, proposals: [proposal({ mineToAnswer: false, fromSeat: 1 })], dilemma: dilemma(), actions: [action(false)] };
    expect(nowItems(view, true)).toEqual(["wait"]);
  });

  it("counts a dilemma the table votes on as mine while its vote is open", () => {
    expect(nowItems({ ...base, dilemma: dilemma({ decidedBy: "vote" }), ballot: ballot() }, true)).toEqual(["dilemma"]);
  });

  it("asks nothing more once my vote is cast", () => {
    expect(nowItems({ ...base, dilemma: dilemma({ decidedBy: "vote" }), ballot: ballot({ myVote: "repair" }) }, true)).toEqual(["wait"]);
  });

  it("asks nothing outside play", () => {
    expect(nowItems({ ...base, flow: { ...base.flow, stage: "role_swap" } }, true)).toEqual([]);
  });
});

describe("a role counts as seen", () => {
  it("in the first round, with no role, and once acknowledged", () => {
    expect(roleSeen(1, "alderman", null)).toBe(true);
    expect(roleSeen(3, null, null)).toBe(true);
    expect(roleSeen(2, "alderman", "alderman")).toBe(true);
    expect(roleSeen(2, "alderman", "resident")).toBe(false);
    expect(roleSeen(2, "alderman", null)).toBe(false);
  });
});

describe("the actions fold while the table waits for me", () => {
  it("on a proposal to answer, my dilemma or a ballot, not on my actions or waiting", () => {
    const view = { ...base, proposals: [proposal()], dilemma: dilemma({ decidedBy: "vote" }), ballot: ballot(), actions: [action(true)] };
    expect(nowItems(view, true).some(asksAnswer)).toBe(true);
    expect(nowItems({ ...base, actions: [action(true)] }, true).some(asksAnswer)).toBe(false);
    expect(nowItems({ ...base, dilemma: dilemma({ decidedBy: "vote" }), ballot: ballot({ myVote: "repair" }), actions: [action(true)] }, true).some(asksAnswer)).toBe(false);
    expect(["role", "actions", "wait"].some((item) => asksAnswer(item as "role"))).toBe(false);
  });
});
