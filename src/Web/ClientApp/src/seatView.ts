import type { PlayerUpdate, SeatView } from "./protocol";

// After the first, a player's update carries only the fields of the view that changed since the
// version this page was sent last (PlayerUpdate in src/Web/Live/Messages.cs, docs/protocol.md
// "Update"); the page merges them into the view it holds. The one merge rule for the play page.

/** A player's update with its view whole: what the page holds. */
export interface HeldUpdate extends Omit<PlayerUpdate, "view"> {
  view: SeatView;
}

/**
 * Merges an update into the one the page holds. A whole view (`after` 0) replaces it; a delta applies
 * only on the view of version `after` of the same session. Returns `held` itself for an older push of
 * the same session (pushes may overtake each other), and null for a delta that does not fit (no view
 * held, or another base): the page then drops it and re-opens for a whole view.
 */
export function mergeUpdate(held: HeldUpdate | null, next: PlayerUpdate): HeldUpdate | null {
  const same = held?.sessionId === next.sessionId ? held : null;
  if (same && next.version < same.version) return same;
  if (next.after === 0) return { ...next, view: next.view as SeatView };
  if (!same || same.version !== next.after) return null;
  return { ...next, view: { ...same.view, ...next.view } };
}

/** The least time between two re-opens after deltas that did not fit: a page that keeps missing one must not keep asking. */
export const REOPEN_EVERY_MS = 3000;

/**
 * How long a page waits for a whole view after a delta that did not fit before it re-opens: one is
 * usually on its way (the page just opened or reconnected, and a push was under way), and cancels the wait.
 */
export const WHOLE_VIEW_WAIT_MS = 1000;

/** How long to wait before re-opening, when the page last re-opened at `last` (ms) and it is `now`. */
export function reopenDelay(last: number, now: number, every = REOPEN_EVERY_MS, wait = WHOLE_VIEW_WAIT_MS): number {
  return Math.max(wait, last + every - now);
}
