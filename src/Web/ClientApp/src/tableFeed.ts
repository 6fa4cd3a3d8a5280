import { useCallback, useRef, useState } from "preact/hooks";
import { emptyMemory, type StoryMemory } from "./story";
import { type MergedSummary, mergeTableSummary, type Summarised, withNewerTable } from "./summary";

/** A pushed table with its round's headlines: FacilitatorTable, ProjectorTable. */
export interface FeedTable extends Summarised {
  table: number;
}

export interface TableFeed<T extends FeedTable> {
  /** The newest push of each table, by table number. */
  tables: Record<number, T>;
  /** Adds a pushed table (register it as the hub's handler; it never changes). */
  receive: (table: T) => void;
  /** The round's headlines of a table's session as this page holds them. */
  summaryOf: (table: T | undefined) => MergedSummary | null;
  /** What the page remembered along the way at a table (for the story's sentences). */
  memoryOf: (table: number) => StoryMemory;
}

/**
 * The tables of a workshop as a console or projector sees them: the newest push of each, its
 * round's story merged from the deltas (src/summary.ts), and what the story remembers per table.
 */
export function useTableFeed<T extends FeedTable>(): TableFeed<T> {
  const [tables, setTables] = useState<Record<number, T>>({});
  const [summaries, setSummaries] = useState<Record<string, MergedSummary>>({});
  const memories = useRef(new Map<number, StoryMemory>());

  const receive = useCallback((table: T) => {
    setTables((all) => withNewerTable(all, table));
    setSummaries((all) => mergeTableSummary(all, table));
  }, []);

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
