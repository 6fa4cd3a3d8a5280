import { describe, expect, it } from "vitest";
import type { Headline, RoundSummary } from "./protocol";
import { type MergedSummary, mergeSummary, mergeTableSummary, type Summarised } from "./summary";
import { headline } from "./test/fixtures";

const versions = (held: MergedSummary | null) => held?.headlines.map((h) => h.version);

function message(version: number, summary: Partial<RoundSummary> & { headlines: Headline[] }, sessionId = "w/1"): Summarised {
  return { sessionId, version, summary: { round: 1, startedAfter: 10, after: 10, ...summary } };
}

describe("mergeSummary", () => {
  const whole = message(13, { after: 10, headlines: [headline(11), headline(12)] });

  it("takes a whole round as it is", () => {
    const held = mergeSummary(null, whole);
    expect(held).toEqual({ sessionId: "w/1", round: 1, version: 13, headlines: whole.summary.headlines });
  });

  it("appends the headlines that follow the last message applied", () => {
    const held = mergeSummary(null, whole);
    const next = mergeSummary(held, message(15, { after: 13, headlines: [headline(14), headline(15)] }));
    expect(versions(next)).toEqual([11, 12, 14, 15]);
    expect(next?.version).toBe(15);
  });

  it("adds a headline it already holds only once", () => {
    const held = mergeSummary(null, whole);
    const next = mergeSummary(held, message(14, { after: 11, headlines: [headline(12), headline(14)] }));
    expect(versions(next)).toEqual([11, 12, 14]);
  });

  it("ignores a message older than the one applied (pushes may overtake each other)", () => {
    const held = mergeSummary(null, message(20, { after: 10, headlines: [headline(11)] }));
    expect(mergeSummary(held, message(15, { after: 10, headlines: [headline(11), headline(14)] }))).toBe(held);
  });

  it("changes nothing after a gap, until the next whole round", () => {
    const held = mergeSummary(null, whole);
    const afterGap = mergeSummary(held, message(20, { after: 17, headlines: [headline(18)] }));
    expect(afterGap).toBe(held);
    const nextRound = mergeSummary(afterGap, message(30, { round: 2, startedAfter: 25, after: 25, headlines: [headline(26)] }));
    expect(nextRound).toMatchObject({ round: 2, version: 30 });
    expect(versions(nextRound)).toEqual([26]);
  });

  it("does not append a delta of another round", () => {
    const held = mergeSummary(null, whole);
    expect(mergeSummary(held, message(20, { round: 2, startedAfter: 12, after: 13, headlines: [headline(20)] }))).toBe(held);
  });

  it("holds nothing of another table's session (a moved player) until a whole round of the new one", () => {
    const held = mergeSummary(null, whole);
    expect(mergeSummary(held, message(14, { after: 13, headlines: [headline(14)] }, "w/2"))).toBeNull();
    expect(versions(mergeSummary(held, message(14, { after: 10, headlines: [headline(14)] }, "w/2")))).toEqual([14]);
  });
});

describe("mergeTableSummary", () => {
  it("keeps one summary per table session", () => {
    let all: Record<string, MergedSummary> = {};
    all = mergeTableSummary(all, message(12, { headlines: [headline(11)] }, "w/1"));
    all = mergeTableSummary(all, message(9, { startedAfter: 5, after: 5, headlines: [headline(6)] }, "w/2"));
    expect(Object.keys(all).sort()).toEqual(["w/1", "w/2"]);
    expect(versions(all["w/2"] ?? null)).toEqual([6]);
  });

  it("returns the same object when nothing changed, so the page does not render again", () => {
    const all = mergeTableSummary({}, message(12, { headlines: [headline(11)] }));
    expect(mergeTableSummary(all, message(11, { headlines: [headline(11)] }))).toBe(all);
    expect(mergeTableSummary({}, message(12, { after: 11, headlines: [headline(12)] }))).toEqual({});
  });
});
