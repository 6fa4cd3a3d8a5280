import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";

/** One column of a {@link DataTable}: its header, how a row fills its cell, and what kind of cell it is. */
export interface Column<Row> {
  label: ComponentChildren;
  cell: (row: Row) => ComponentChildren;
  /** A figure: right-aligned, tabular digits, never wrapped, so a column of figures lines up. */
  numeric?: boolean;
  /** The cell that names the row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** An extra class of a row's cell (a better or worse movement). */
  tone?: (row: Row) => string | undefined;
}

/**
 * A table of figures or records: a caption (read out, and shown only when `showCaption`), header
 * cells with their scope, and a horizontal scroll of its own when wider than the screen; the scroll
 * is a labelled region reachable by keyboard (WCAG 2.1.1).
 */
export function DataTable<Row>({
  caption,
  showCaption = false,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  showCaption?: boolean;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
}) {
  const captionId = useId();
  const cellClass = (column: Column<Row>, row?: Row) => [column.numeric ? "data-table__number" : "", (row && column.tone?.(row)) ?? ""].filter(Boolean).join(" ") || undefined;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-scroll" aria-labelledby={captionId} tabIndex={0}>
      <table class="data-table">
        <caption id={captionId} class={showCaption ? undefined : "visually-hidden"}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" class={cellClass(column)}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column, i) =>
                column.rowHeader ? (
                  <th key={i} scope="row" class={cellClass(column, row)}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={i} class={cellClass(column, row)}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
