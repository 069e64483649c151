import type { CellValue, RowView } from '../protocol.ts';

/**
 * What one outcome may carry of the tables. The page deserializes an outcome in one go on its
 * main thread, so a run that fills tables with thousands of columns or megabytes of text must
 * not turn into a message that takes seconds to receive, let alone draw.
 */

/** Rows sent per table; the rest are counted (TableView.rowCount, truncated). */
export const VIEW_ROW_LIMIT = 500;
/** Columns sent per table: the ones the engine reads (database-state.ts). */
export { VIEW_COLUMN_LIMIT } from '../../engine/database-state.ts';
/** Characters of a TEXT value sent: ids, tokens and e-mail addresses stay whole, documents do not. */
export const CELL_TEXT_LIMIT = 1_000;
/** Bytes of a BLOB sent (the panel shows fewer as hex). */
export const CELL_BLOB_LIMIT = 256;
/**
 * All tables' rows together, in cost units: a cell costs CELL_COST plus its (clipped) length.
 * Rows are sent while the budget lasts, so many big tables cannot add up to a huge message.
 */
export const VIEW_BUDGET = 2_000_000;
const CELL_COST = 8;

type Clipped = NonNullable<RowView['clipped']>[number];

/** A value cut to the limits, and its full length when it was cut. */
export function clipCell(value: CellValue): { value: CellValue; length?: number } {
  if (typeof value === 'string' && value.length > CELL_TEXT_LIMIT) {
    // Never split a surrogate pair: the page would show a broken character.
    const end = /[\uD800-\uDBFF]/.test(value.charAt(CELL_TEXT_LIMIT - 1)) ? CELL_TEXT_LIMIT - 1 : CELL_TEXT_LIMIT;
    return { value: value.slice(0, end), length: value.length };
  }
  if (value instanceof Uint8Array && value.length > CELL_BLOB_LIMIT) return { value: value.slice(0, CELL_BLOB_LIMIT), length: value.length };
  return { value };
}

function cellCost(value: CellValue): number {
  return CELL_COST + (typeof value === 'string' || value instanceof Uint8Array ? value.length : 0);
}

/**
 * A row as sent: the first `columns` values and changed cells, each cut to the limits (the cut
 * ones listed in `clipped` with their full length), and what it costs against the budget.
 */
export function boundRow(row: RowView, columns: number): { row: RowView; cost: number } {
  const clipped: Clipped[] = [];
  let cost = 0;
  const values = row.values.slice(0, columns).map((cell, column) => {
    const cut = clipCell(cell);
    if (cut.length !== undefined) clipped.push([column, cut.length, 'value']);
    cost += cellCost(cut.value);
    return cut.value;
  });
  const changed = row.changed
    ?.filter(([column]) => column < columns)
    .map(([column, before]): readonly [number, CellValue] => {
      const cut = clipCell(before);
      if (cut.length !== undefined) clipped.push([column, cut.length, 'before']);
      cost += cellCost(cut.value);
      return [column, cut.value];
    });
  return {
    row: {
      key: row.key,
      values,
      status: row.status,
      ...(changed ? { changed } : {}),
      ...(row.transient ? { transient: true } : {}),
      ...(clipped.length > 0 ? { clipped } : {}),
    },
    cost,
  };
}

/** The rows of one table that fit: at most VIEW_ROW_LIMIT, while `budget.left` lasts (it is spent). */
export function boundRows(rows: readonly RowView[], columns: number, budget: { left: number }): RowView[] {
  const sent: RowView[] = [];
  for (const row of rows) {
    if (sent.length === VIEW_ROW_LIMIT) break;
    const bounded = boundRow(row, columns);
    if (bounded.cost > budget.left) break;
    budget.left -= bounded.cost;
    sent.push(bounded.row);
  }
  return sent;
}
