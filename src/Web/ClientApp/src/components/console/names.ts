import type { FacilitatorTable } from "../../protocol";

/** A seat's player name at a table; "#n" for a seat the table does not list (any more). */
export const seatName = (table: FacilitatorTable, seat: number) => table.seats.find((s) => s.seat === seat)?.name ?? `#${seat + 1}`;
