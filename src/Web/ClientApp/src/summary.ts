import type { Headline, RoundSummary } from "./protocol";

// A push carries only the headlines since the previous push to this page (RoundSummary in
// src/Web/Live/Messages.cs); the page adds them to what it holds. The one merge rule, for the
// play page, the console and the projector.

/** The round's headlines of one table as this page holds them. */
export interface MergedSummary {
  sessionId: string;
  round: number;
  headlines: Headline[];
  /** The version of the last message whose summary was applied. */
  version: number;
}

/** A message with a round summary: PlayerUpdate, FacilitatorTable, ProjectorTable. */
export interface Summarised {
  sessionId: string;
  version: number;
  summary: RoundSummary;
}

/**
 * Adds a message's summary to what the page holds of its table. A whole round replaces it; the
 * headlines that follow the last message applied are appended; after a gap (this page missed a
 * push) nothing changes until the whole round that follows. Returns `held` itself when nothing changed.
 */
export function mergeSummary(held: MergedSummary | null, message: Summarised): MergedSummary | null {
  const { sessionId, version, summary } = message;
  // What the page holds of another table (it was moved) counts for nothing here.
  const same = held?.sessionId === sessionId ? held : null;
  // Pushes may overtake each other: an older message than the one applied adds nothing.
  if (same && version < same.version) return same;
  if (summary.after <= summary.startedAfter) {
    return { sessionId, round: summary.round, headlines: summary.headlines, version };
  }
  if (same && summary.round === same.round && summary.after <= same.version) {
    const last = same.headlines.at(-1)?.version ?? -Infinity;
    const added = summary.headlines.filter((h) => h.version > last);
    return { ...same, headlines: added.length > 0 ? [...same.headlines, ...added] : same.headlines, version };
  }
  return same;
}

/** The console's and the projector's summaries, one per table session: `all` with the message merged in. */
export function mergeTableSummary(all: Record<string, MergedSummary>, message: Summarised): Record<string, MergedSummary> {
  const held = all[message.sessionId] ?? null;
  const merged = mergeSummary(held, message);
  return merged === held || merged === null ? all : { ...all, [message.sessionId]: merged };
}
