import { mergeVersioned } from "./delta";
import type { PlayerUpdate, SeatView } from "./protocol";

// After the first, a player's update carries only the fields of the view that changed since the
// version this page was sent last (PlayerUpdate in src/Web/Live/Messages.cs, docs/protocol.md
// "Update"); the page merges them into the view it holds (the rule in src/delta.ts).

/** A player's update with its view whole: what the page holds. */
export interface HeldUpdate extends Omit<PlayerUpdate, "view"> {
  view: SeatView;
}

/**
 * Merges an update into the one the page holds (mergeVersioned): a whole view replaces it, a delta sets
 * the fields it carries; null for a delta that does not fit.
 */
export function mergeUpdate(held: HeldUpdate | null, next: PlayerUpdate): HeldUpdate | null {
  return mergeVersioned(
    held,
    next,
    () => ({ ...next, view: next.view as SeatView }),
    (same) => ({ ...next, view: { ...same.view, ...next.view } }),
  );
}
