import { request } from "./api";
import type { ApiError, BalanceReport, BalanceRequest, BalanceStarted, BalanceStatus, BalanceWarning, ContentUse, PlayerCountFigures } from "./protocol";

// The balance report in the studio: the REST calls of its job and the pure shaping of its figures
// for the panel and its charts (docs/protocol.md, "The balance report").

/** The most games one report may play on the server (games × 3 bot kinds × player counts), as BalanceEndpoints.MaxGames. */
export const maxGames = 2000;

export const botKinds = ["random", "greedy", "cooperative"] as const;

/** A diagnostic of the YAML, when the server could not load it (422). */
export interface BalanceDiagnostic {
  code: string;
  severity: string;
  line: number;
  column: number;
  message: string;
}

export type BalanceCall<T> = { ok: true; value: T } | { ok: false; status: number; error: ApiError; diagnostics: BalanceDiagnostic[] };

/** What the person typed in the panel's fields, or which field is wrong. */
export type BalanceInputs = { ok: true; games: number; players: number | "all"; seed: number } | { ok: false; field: "games" | "players" | "seed" };

const whole = /^\d+$/;

/** Reads the panel's fields: games 1–2,000, players a number or empty (every count), seed a whole number (empty: 1). */
export function readInputs(games: string, players: string, seed: string): BalanceInputs {
  const g = games.trim();
  if (!whole.test(g) || Number(g) < 1 || Number(g) > maxGames) return { ok: false, field: "games" };
  const p = players.trim();
  if (p !== "" && p !== "all" && !whole.test(p)) return { ok: false, field: "players" };
  const s = seed.trim();
  if (s !== "" && !whole.test(s)) return { ok: false, field: "seed" };
  return { ok: true, games: Number(g), players: p === "" || p === "all" ? "all" : Number(p), seed: s === "" ? 1 : Number(s) };
}

/** The request for the editor's YAML and the panel's fields. */
export function requestFor(source: string, inputs: Extract<BalanceInputs, { ok: true }>): BalanceRequest {
  return { source, scenario: null, games: inputs.games, players: inputs.players, seed: inputs.seed };
}

async function send<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<BalanceCall<T>> {
  const result = await request<T>(method, path, { body });
  if (result.ok) return result;
  const diagnostics = (result.body as { diagnostics?: unknown } | null)?.diagnostics;
  return { ok: false, status: result.status, error: result.error, diagnostics: Array.isArray(diagnostics) ? (diagnostics as BalanceDiagnostic[]) : [] };
}

const jobPath = "/api/scenarios/balance";

export const balanceApi = {
  start: (request: BalanceRequest) => send<BalanceStarted>("POST", jobPath, request),
  status: (jobId: string) => send<BalanceStatus>("GET", `${jobPath}/${encodeURIComponent(jobId)}`),
  cancel: (jobId: string) => send<BalanceStatus>("DELETE", `${jobPath}/${encodeURIComponent(jobId)}`),
};

/** A share (0–1) as a whole percentage: "42 %" in Dutch, "42%" in English. */
export function percent(share: number, lang: "nl" | "en"): string {
  const value = Math.round(share * 100);
  return lang === "nl" ? `${value} %` : `${value}%`;
}

/** The warnings that concern one player count, or the whole scenario (content), in the report's order. */
export function warningsFor(report: BalanceReport, players: number | null): BalanceWarning[] {
  return report.warnings.filter((w) => players === null || w.players === null || w.players === players);
}

/** Warnings grouped by code, keeping the report's order of first appearance. */
export function groupWarnings(warnings: BalanceWarning[]): { code: string; warnings: BalanceWarning[] }[] {
  const groups: { code: string; warnings: BalanceWarning[] }[] = [];
  for (const warning of warnings) {
    const group = groups.find((g) => g.code === warning.code);
    if (group) group.warnings.push(warning);
    else groups.push({ code: warning.code, warnings: [warning] });
  }
  return groups;
}

/** The score histogram of one player count as uPlot data: bin centres, then one count series per bot kind. */
export function histogramData(table: PlayerCountFigures): number[][] {
  const bins = table.bots[0]?.score.histogram ?? [];
  return [bins.map((b) => (b.from + b.to) / 2), ...table.bots.map((bot) => bot.score.histogram.map((b) => b.count))];
}

/** One metric's curve for one bot kind as uPlot data: rounds, then the 10th percentile, the median and the 90th. */
export function curveData(table: PlayerCountFigures, bot: string, metric: string): number[][] {
  const curve = table.bots.find((b) => b.bot === bot)?.metrics.find((m) => m.metric === metric)?.curve ?? [];
  return [curve.map((c) => c.round), curve.map((c) => c.low), curve.map((c) => c.median), curve.map((c) => c.high)];
}

/** Content nobody used, or only random bots: what the warnings about content point at. */
export function contentFlag(use: ContentUse): "unused" | "random_only" | null {
  if (use.random + use.greedy + use.cooperative === 0) return "unused";
  if (use.kind !== "dilemma" && use.greedy + use.cooperative === 0) return "random_only";
  return null;
}

/** The next poll's delay: quick at first, then once a second, so a long report costs few requests. */
export function pollDelay(polls: number): number {
  return polls < 10 ? 300 : 1000;
}
