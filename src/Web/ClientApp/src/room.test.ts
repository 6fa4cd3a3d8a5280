import { describe, expect, it } from "vitest";
import type { SeatSummary } from "./protocol";
import { arrivals, cloud, fitted, mostHeadlines, seatedNow, tableIsFull, voteBars } from "./room";

describe("the word cloud", () => {
  it("counts a word in any case as the same word, sized by how often it came", () => {
    const words = cloud(["machteloos", "Machteloos", "druk", "machteloos", "gehoord"]);
    expect(words.map((w) => [w.word, w.count, w.size])).toEqual([
      ["druk", 1, 1],
      ["gehoord", 1, 1],
      ["machteloos", 3, 5],
    ]);
  });

  it("gives every word the middle size when each came once, and skips empty words", () => {
    expect(cloud(["a", " ", "b"]).map((w) => w.size)).toEqual([3, 3]);
    expect(cloud([])).toEqual([]);
  });

  it("spreads counts between the smallest and the largest step", () => {
    const words = cloud([..."xxxxx", ..."yyy", "z"], 5);
    expect(Object.fromEntries(words.map((w) => [w.word, w.size]))).toEqual({ x: 5, y: 3, z: 1 });
  });
});

describe("the vote bars", () => {
  it("show each option's share of the votes cast, in the ballot's order", () => {
    const bars = voteBars({ id: 1, subject: "dilemma", subjectId: "leak", options: ["repair", "wait"], tally: { wait: 1, repair: 3 }, votesCast: 4, voters: 5 });
    expect(bars).toEqual([
      { option: "repair", count: 3, share: 0.75 },
      { option: "wait", count: 1, share: 0.25 },
    ]);
  });

  it("are empty before anyone voted", () => {
    expect(voteBars({ id: 1, subject: "action", subjectId: "x", options: ["yes", "no"], tally: {}, votesCast: 0, voters: 3 }).map((b) => b.share)).toEqual([0, 0]);
  });
});

describe("who is in", () => {
  it("lists the seated players of every table by table, leaving out who left", () => {
    const seat = (n: number, name: string, left = false): SeatSummary => ({ seat: n, name, present: true, left, role: null, points: 0, bot: null });
    const list = arrivals([
      { table: 2, seats: [seat(0, "Anna")] },
      { table: 1, seats: [seat(0, "Bram"), seat(1, "Cor", true)] },
    ]);
    expect(list.map((p) => `${p.table}:${p.name}`)).toEqual(["1:Bram", "2:Anna"]);
  });

  it("lists a table's seats without the one whose player left, as the phone, console and projector show them", () => {
    const seat = (n: number, name: string, left = false): SeatSummary => ({ seat: n, name, present: !left, left, role: null, points: 0, bot: null });
    expect(seatedNow([seat(0, "Anna"), seat(1, "Bram", true), seat(2, "Cor")]).map((s) => s.name)).toEqual(["Anna", "Cor"]);
  });

  it("calls a table full at the scenario's most players, not counting who left", () => {
    const seat = (n: number, left = false): SeatSummary => ({ seat: n, name: `S${n}`, present: true, left, role: null, points: 0, bot: null });
    expect(tableIsFull([seat(0), seat(1), seat(2)], 3)).toBe(true);
    expect(tableIsFull([seat(0), seat(1, true), seat(2)], 3)).toBe(false);
    expect(tableIsFull([seat(0)], 3)).toBe(false);
  });
});

describe("fitting the projector", () => {
  it("drops headlines first, down to one, then metrics, down to three", () => {
    expect(fitted(0, 7)).toEqual({ headlines: mostHeadlines, metrics: 7 });
    expect(fitted(mostHeadlines - 1, 7)).toEqual({ headlines: 1, metrics: 7 });
    expect(fitted(mostHeadlines + 1, 7)).toEqual({ headlines: 1, metrics: 5 });
    expect(fitted(100, 7)).toEqual({ headlines: 1, metrics: 3 });
    expect(fitted(100, 2)).toEqual({ headlines: 1, metrics: 2 });
  });
});
