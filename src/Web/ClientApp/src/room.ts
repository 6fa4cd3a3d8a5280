import type { RoomBallot, SeatSummary } from "./protocol";

// What the projector draws, as pure functions: the word cloud's sizes, the vote bars, who is in.

/** A word of the cloud: how often it was given and its size step, 1 (once) to `steps` (the most given). */
export interface CloudWord {
  word: string;
  count: number;
  size: number;
}

/**
 * The one-word reflections as a cloud: the same word in any case counts once more (shown as first
 * given), sized by how often it came, on a few steps so it stays readable from the back; alphabetical,
 * so a new word slots in and the others stay put.
 */
export function cloud(words: readonly string[], steps = 5): CloudWord[] {
  const counts = new Map<string, CloudWord>();
  for (const raw of words) {
    const word = raw.trim();
    if (!word) continue;
    const key = word.toLocaleLowerCase();
    const known = counts.get(key);
    if (known) known.count++;
    else counts.set(key, { word, count: 1, size: 1 });
  }
  const all = [...counts.values()];
  const most = Math.max(1, ...all.map((w) => w.count));
  const middle = Math.ceil(steps / 2);
  for (const w of all) w.size = most === 1 ? middle : 1 + Math.round(((w.count - 1) / (most - 1)) * (steps - 1));
  return all.sort((a, b) => a.word.localeCompare(b.word));
}

/** A bar of an open vote: its option, how many chose it so far, and its share of the votes cast (0–1). */
export interface VoteBar {
  option: string;
  count: number;
  share: number;
}

/** The bars of an open vote in the ballot's option order; no votes yet: every bar empty. */
export function voteBars(ballot: RoomBallot): VoteBar[] {
  const cast = ballot.options.reduce((sum, o) => sum + (ballot.tally[o] ?? 0), 0);
  return ballot.options.map((option) => {
    const count = ballot.tally[option] ?? 0;
    return { option, count, share: cast === 0 ? 0 : count / cast };
  });
}

/** The seats a table lists: a seat whose player left is not at the table any more (the story still names it). */
export function seatedNow<T extends { left: boolean }>(seats: readonly T[]): T[] {
  return seats.filter((s) => !s.left);
}

/** Whether a table seats no one more: as many seated as the scenario allows (the server refuses `table_full`). */
export function tableIsFull(seats: readonly { left: boolean }[], maxPlayers: number): boolean {
  return seatedNow(seats).length >= maxPlayers;
}

/** Who is in the room: every seated player of every table (not those who left), by table then seat. */
export function arrivals(tables: readonly { table: number; seats: readonly SeatSummary[] }[]): { key: string; name: string; table: number }[] {
  return [...tables].sort((a, b) => a.table - b.table).flatMap((t) => seatedNow(t.seats).map((s) => ({ key: `${t.table}.${s.seat}`, name: s.name, table: t.table })));
}

/** The most headlines a projected table shows; fewer when the screen is full (the newest stay). */
export const mostHeadlines = 6;

/**
 * What a fit step shows on the projector: step 0 everything; each step one headline fewer down to one,
 * then one metric fewer down to `fewestMetrics` — the text never shrinks.
 */
export function fitted(step: number, metrics: number, fewestMetrics = 3): { headlines: number; metrics: number } {
  const headlines = Math.max(1, mostHeadlines - step);
  const beyond = Math.max(0, step - (mostHeadlines - 1));
  return { headlines, metrics: Math.max(Math.min(fewestMetrics, metrics), metrics - beyond) };
}
