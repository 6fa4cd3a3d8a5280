import { afterEach, describe, expect, it, vi } from "vitest";
import { balanceApi, contentFlag, curveData, groupWarnings, histogramData, percent, pollDelay, readInputs, requestFor, warningsFor } from "./balance";
import type { BalanceReport, BotFigures, ContentUse, PlayerCountFigures } from "./protocol";

function bot(name: string, counts: number[], curve: [number, number, number][]): BotFigures {
  return {
    bot: name,
    games: counts.reduce((a, b) => a + b, 0),
    score: { mean: 10, spread: 2, median: 10, min: 0, max: 20, histogram: counts.map((count, i) => ({ from: i * 10, to: (i + 1) * 10, count })) },
    length: { mean: 100, spread: 0, median: 100, min: 100, max: 100, histogram: [] },
    roles: [],
    rotationCoverage: 1,
    fewestRolesHeld: 3,
    proposals: { accepted: 1, countered: 0, rejected: 0, expired: 0 },
    ballots: { called: 1, carried: 1 },
    metrics: [
      { metric: "trust", finalMean: 60, finalSpread: 1, pinnedAtMin: 0, pinnedAtMax: 0, curve: curve.map(([low, median, high], i) => ({ round: i + 1, low, median, high })) },
    ],
    sharedGoals: [],
  };
}

const table: PlayerCountFigures = {
  players: 4,
  cooperationPremium: 0.5,
  bots: [
    bot("random", [1, 2], [[40, 50, 60]]),
    bot("greedy", [3, 0], [[45, 50, 55]]),
    bot(
      "cooperative",
      [0, 3],
      [
        [50, 55, 60],
        [60, 70, 80],
      ],
    ),
  ],
};

const use = (random: number, greedy: number, cooperative: number, kind: ContentUse["kind"] = "action"): ContentUse => ({
  kind,
  id: "x",
  label: { nl: "x", en: "x" },
  random,
  greedy,
  cooperative,
});

describe("balance", () => {
  it("reads the panel's fields and names the wrong one", () => {
    expect(readInputs("100", "", "")).toEqual({ ok: true, games: 100, players: "all", seed: 1 });
    expect(readInputs(" 5 ", "4", "7")).toEqual({ ok: true, games: 5, players: 4, seed: 7 });
    expect(readInputs("0", "", "1")).toEqual({ ok: false, field: "games" });
    expect(readInputs("2001", "", "1")).toEqual({ ok: false, field: "games" });
    expect(readInputs("1e3", "", "1")).toEqual({ ok: false, field: "games" });
    expect(readInputs("10", "vier", "1")).toEqual({ ok: false, field: "players" });
    expect(readInputs("10", "all", "-1")).toEqual({ ok: false, field: "seed" });
  });

  it("sends the editor's yaml with the fields", () => {
    const inputs = readInputs("20", "5", "3");
    if (!inputs.ok) throw new Error("inputs");
    expect(requestFor("id: x", inputs)).toEqual({ source: "id: x", scenario: null, games: 20, players: 5, seed: 3 });
  });

  it("shapes the histogram as bin centres and one count series per bot kind", () => {
    expect(histogramData(table)).toEqual([
      [5, 15],
      [1, 2],
      [3, 0],
      [0, 3],
    ]);
  });

  it("shapes a metric's curve as rounds, low, median and high", () => {
    expect(curveData(table, "cooperative", "trust")).toEqual([
      [1, 2],
      [50, 60],
      [55, 70],
      [60, 80],
    ]);
    expect(curveData(table, "cooperative", "nothing")).toEqual([[], [], [], []]);
  });

  it("flags content nobody chose, and content only random bots chose, but not a dilemma drawn only in random games", () => {
    expect(contentFlag(use(0, 0, 0))).toBe("unused");
    expect(contentFlag(use(3, 0, 0))).toBe("random_only");
    expect(contentFlag(use(3, 0, 0, "dilemma"))).toBeNull();
    expect(contentFlag(use(3, 1, 0))).toBeNull();
  });

  it("keeps the warnings of the player count shown and of the whole scenario, grouped by code in order", () => {
    const report: BalanceReport = {
      scenario: "s",
      version: 1,
      seed: 1,
      games: 10,
      tables: [table],
      content: [],
      warnings: [
        { code: "low_share", message: { nl: "a", en: "a" }, subject: "alderman", players: 3, bot: null },
        { code: "low_share", message: { nl: "b", en: "b" }, subject: "official", players: 4, bot: null },
        { code: "unused", message: { nl: "c", en: "c" }, subject: "x", players: null, bot: null },
        { code: "low_share", message: { nl: "d", en: "d" }, subject: "resident", players: 4, bot: null },
      ],
    };
    const shown = warningsFor(report, 4);
    expect(shown.map((w) => w.subject)).toEqual(["official", "x", "resident"]);
    expect(groupWarnings(shown).map((g) => [g.code, g.warnings.length])).toEqual([
      ["low_share", 2],
      ["unused", 1],
    ]);
    expect(warningsFor(report, null)).toHaveLength(4);
  });

  it("writes shares as whole percentages in each language and polls quickly first", () => {
    expect(percent(0.456, "nl")).toBe("46 %");
    expect(percent(0.456, "en")).toBe("46%");
    expect(pollDelay(0)).toBeLessThan(pollDelay(20));
  });

  describe("its calls", () => {
    afterEach(() => vi.unstubAllGlobals());
    const answer = (status: number, body: unknown) =>
      vi.stubGlobal("fetch", async () => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }));

    it("hand back a refusal as every REST call does, with the YAML's diagnostics when the server could not load it", async () => {
      const reason = { nl: "De YAML klopt niet.", en: "The YAML is not valid." };
      const diagnostic = { code: "yaml_syntax", severity: "error", line: 3, column: 5, message: "bad" };
      answer(422, { code: "invalid_scenario", message: "The YAML is not valid.", reason, diagnostics: [diagnostic] });
      expect(await balanceApi.start(requestFor("x:", { ok: true, games: 1, players: "all", seed: 1 }))).toEqual({
        ok: false,
        status: 422,
        error: { code: "invalid_scenario", message: "The YAML is not valid.", reason },
        diagnostics: [diagnostic],
      });
    });

    it("name a refusal without a body of the server's by its status, and a lost connection as such", async () => {
      answer(404, "not found");
      expect(await balanceApi.status("job")).toMatchObject({ ok: false, status: 404, error: { code: "http_404" }, diagnostics: [] });
      vi.stubGlobal("fetch", async () => {
        throw new TypeError("offline");
      });
      expect(await balanceApi.cancel("job")).toMatchObject({ ok: false, status: 0, error: { code: "network" }, diagnostics: [] });
    });

    it("hand back the server's answer when it is taken", async () => {
      answer(200, { state: "running", progress: 0.5, report: null, error: null });
      expect(await balanceApi.status("job")).toEqual({ ok: true, value: { state: "running", progress: 0.5, report: null, error: null } });
    });
  });
});
