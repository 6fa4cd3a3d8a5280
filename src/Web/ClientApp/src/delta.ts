import { useCallback, useEffect, useRef } from "preact/hooks";

// After the first, a player's update (src/seatView.ts) and a console's table (src/tableFeed.ts) carry
// only what changed since the version this page was sent last (docs/protocol.md "Update", "Table"):
// the one rule for whether a message fits on what the page holds, and for re-opening when it does not.

/** A message that is whole (`after` 0) or a delta on the version `after` of the same session. */
export interface Versioned {
  sessionId: string;
  version: number;
  after: number;
}

/**
 * Merges a message into what the page holds of its session. A whole message (`after` 0) is `whole()`;
 * a delta applies (`merge(held)`) only on the version `after` of the same session. Returns `held` itself
 * for an older message of the same session (pushes may overtake each other), and null for a delta that
 * does not fit (nothing held, or another base): the page then drops it and re-opens for a whole one.
 */
export function mergeVersioned<H extends { sessionId: string; version: number }>(held: H | null, next: Versioned, whole: () => H, merge: (same: H) => H): H | null {
  const same = held?.sessionId === next.sessionId ? held : null;
  if (same && next.version < same.version) return same;
  if (next.after === 0) return whole();
  if (!same || same.version !== next.after) return null;
  return merge(same);
}

/** The least time between two re-opens after deltas that did not fit: a page that keeps missing one must not keep asking. */
export const REOPEN_EVERY_MS = 3000;

/**
 * How long a page waits for a whole message after a delta that did not fit before it re-opens: one is
 * usually on its way (the page just opened or reconnected, and a push was under way), and cancels the wait.
 */
export const WHOLE_VIEW_WAIT_MS = 1000;

/** How long to wait before re-opening, when the page last re-opened at `last` (ms) and it is `now`. */
export function reopenDelay(last: number, now: number, every = REOPEN_EVERY_MS, wait = WHOLE_VIEW_WAIT_MS): number {
  return Math.max(wait, last + every - now);
}

/**
 * Re-opening after deltas that did not fit: `missed()` re-opens (`reopen`) after `reopenDelay` unless a
 * re-open is already due; `whole()` (a whole message arrived) cancels it.
 */
export function useGapReopen(reopen: () => void): { missed: () => void; whole: () => void } {
  const due = useRef<ReturnType<typeof setTimeout> | null>(null);
  const last = useRef(Number.NEGATIVE_INFINITY);
  const reopenNow = useRef(reopen);
  reopenNow.current = reopen;

  const missed = useCallback(() => {
    if (due.current !== null) return;
    due.current = setTimeout(
      () => {
        due.current = null;
        last.current = Date.now();
        reopenNow.current();
      },
      reopenDelay(last.current, Date.now()),
    );
  }, []);

  const whole = useCallback(() => {
    if (due.current === null) return;
    clearTimeout(due.current);
    due.current = null;
  }, []);

  useEffect(() => whole, [whole]);
  return { missed, whole };
}
