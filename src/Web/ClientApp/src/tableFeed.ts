import { useCallback, useRef, useState } from "preact/hooks";
import { mergeVersioned, useGapReopen } from "./delta";
import { emptyMemory, type StoryMemory } from "./story";
import { type MergedSummary, mergeTableSummary, type Summarised } from "./summary";

/** A pushed table with its round's headlines: FacilitatorTable, ProjectorTable. */
export interface FeedTable extends Summarised {
  table: number;
}

/**
 * A pushed table as it comes: whole, or (the console's, with `after` not 0) only the fields that changed
 * since the version `after` besides its session, table, version, after and summary (docs/protocol.md "Table").
 */
export type TableMessage<T extends FeedTable> = Partial<T> & FeedTable & { after?: number };

export interface TableFeed<T extends FeedTable> {
  /** The newest push of each table, by table number, whole. */
  tables: Record<number, T>;
  /** Adds a pushed table (register it as the hub's handler; it never changes). */
  receive: (table: TableMessage<T>) => void;
  /** The round's headlines of a table's session as this page holds them. */
  summaryOf: (table: T | undefined) => MergedSummary | null;
  /** What the page remembered along the way at a table (for the story's sentences). */
  memoryOf: (table: number) => StoryMemory;
}

/**
 * A table merged into what the page holds of it (src/delta.ts): a whole one replaces it, a delta sets the
 * fields it carries; `held` itself for an older push; null for a delta that does not fit.
 */
export function mergeTable<T extends FeedTable>(held: T | null, next: TableMessage<T>): T | null {
  return mergeVersioned(
    held,
    { ...next, after: next.after ?? 0 },
    () => next as T,
    (same) => ({ ...same, ...next }),
  );
}

/**
 * The tables of a workshop as a console or projector sees them: the newest push of each (a delta merged
 * into the table held; one that does not fit is dropped and `reopen` asks for every table whole), its
 * round's story merged from the deltas (src/summary.ts), and what the story remembers per table.
 */
export function useTableFeed<T extends FeedTable>(reopen: () => void = () => {}): TableFeed<T> {
  const [tables, setTables] = useState<Record<number, T>>({});
  const held = useRef<Record<number, T>>({});
  const [summaries, setSummaries] = useState<Record<string, MergedSummary>>({});
  const memories = useRef(new Map<number, StoryMemory>());
  const gap = useGapReopen(reopen);
  // The tables whose delta did not fit, until a whole one comes.
  const missing = useRef(new Set<number>());

  const receive = useCallback(
    (next: TableMessage<T>) => {
      const current = held.current[next.table] ?? null;
      const merged = mergeTable(current, next);
      if (merged === null) {
        missing.current.add(next.table);
        gap.missed();
        return;
      }
      if (merged === current) return;
      if (!next.after && missing.current.delete(next.table) && missing.current.size === 0) gap.whole();
      held.current = { ...held.current, [next.table]: merged };
      setTables(held.current);
      setSummaries((all) => mergeTableSummary(all, next));
    },
    [gap.missed, gap.whole],
  );

  const summaryOf = (table: T | undefined) => (table ? (summaries[table.sessionId] ?? null) : null);

  const memoryOf = useCallback((table: number) => {
    let memory = memories.current.get(table);
    if (!memory) {
      memory = emptyMemory();
      memories.current.set(table, memory);
    }
    return memory;
  }, []);

  return { tables, receive, summaryOf, memoryOf };
}
