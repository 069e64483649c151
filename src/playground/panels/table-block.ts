import type { RowView, TableView } from '../protocol.ts';
import { el, plural, srOnly } from '../ui/dom.ts';
import { cellText, cellView, isLongToken, shortText, tokenView } from './cell-format.ts';
import { TASK_BUDGET, type RenderQueue } from './render-queue.ts';
import { wholeValueButton, type WholeValueAction } from './whole-value-control.ts';
import { countText as count } from '../count-text.ts';

/**
 * Rows drawn at first, and added by each "Show more rows", and columns drawn at once: more than
 * a screenful (the table's region is 32rem high), and few enough that showing, hiding or
 * restyling the panel stays cheap — the page restyles all of it on many a change elsewhere.
 */
export const PAGE_ROWS = 50;
export const COLUMN_PAGE = 20;

const STATUS_LABEL: Record<RowView['status'], string> = { same: 'Unchanged', inserted: 'Inserted', updated: 'Updated', deleted: 'Deleted' };
const STATUS_MARK: Record<RowView['status'], string> = { same: '', inserted: '+', updated: '~', deleted: '−' };

function changeSummary(table: TableView): string {
  const parts = [plural(table.rowCount, 'row')];
  const { inserted, updated, deleted } = table.changes;
  if (inserted) parts.push(`${inserted} inserted`);
  if (updated) parts.push(`${updated} updated`);
  if (deleted) parts.push(`${deleted} deleted`);
  if (table.created) parts.push('new table');
  return parts.join(' · ');
}

// The database keeps no old values: a cut one can only be had whole while it is the current one.
const DELETED_GONE = 'the deleted value is not kept';
const BEFORE_GONE = 'the old value is not kept';

function rowView(
  row: RowView,
  table: TableView,
  types: readonly string[],
  from: number,
  to: number,
  wholeValue: WholeValueAction | undefined,
): HTMLTableRowElement {
  const changed = new Map(row.changed ?? []);
  const fullLength = new Map((row.clipped ?? []).map(([column, length, of]) => [`${of}:${column}`, length]));
  const label = row.transient ? 'Inserted and deleted' : STATUS_LABEL[row.status];
  const tr = el(
    'tr',
    { 'data-status': row.status, ...(row.transient ? { 'data-transient': 'true' } : {}) },
    el('td', { class: 'pg-mark', title: label }, el('span', { 'aria-hidden': 'true' }, STATUS_MARK[row.status]), row.status === 'same' ? null : srOnly(label)),
  );
  for (let i = from; i < to; i++) {
    const value = row.values[i] ?? null;
    const length = fullLength.get(`value:${i}`);
    const deleted = row.status === 'deleted';
    const td = el('td', {}, cellView(value, types[i], length, deleted ? DELETED_GONE : undefined));
    if (length !== undefined && !deleted && wholeValue) {
      td.append(
        ' ',
        wholeValueButton({ table: table.name, key: row.key, column: table.columns[i] ?? '', length, blob: value instanceof Uint8Array }, wholeValue),
      );
    }
    if (changed.has(i)) {
      td.dataset['changed'] = 'true';
      const was = cellText(changed.get(i) ?? null);
      const wasLength = fullLength.get(`before:${i}`);
      td.append(
        el('span', { class: 'pg-was' }, srOnly('was '), wasLength === undefined && isLongToken(was) ? tokenView(was) : shortText(was, wasLength, BEFORE_GONE)),
      );
    }
    tr.append(td);
  }
  return tr;
}

/**
 * One table of the Tables panel: its name (the caption), what changed, and a window on its rows
 * and columns — the first PAGE_ROWS rows and COLUMN_PAGE columns, "Show more rows" and
 * previous/next columns for the rest, the counts stated — so that a table of any size costs
 * the page a bounded amount of drawing per action.
 */
export function tableBlock(table: TableView, types: readonly string[], changedOnly: boolean, queue: RenderQueue, wholeValue?: WholeValueAction): HTMLElement {
  const rows = changedOnly ? table.rows.filter((row) => row.status !== 'same') : table.rows;
  const idPart = table.name.replace(/\W/g, '_');
  const summaryId = `pg-table-summary-${idPart}`;
  const rangeId = `pg-table-range-${idPart}`;
  let shown = 0;
  let firstColumn = 0;
  let generation = 0;
  const lastColumn = (): number => Math.min(table.columns.length, firstColumn + COLUMN_PAGE);

  const range = el('p', { class: 'pg-table-range', id: rangeId });
  const thead = el('thead');
  const tbody = el('tbody');
  const more = el('button', { type: 'button', class: 'pg-pager-button', 'aria-describedby': rangeId });
  const previous = el('button', { type: 'button', class: 'pg-pager-button', 'aria-describedby': rangeId }, 'Previous columns');
  const next = el('button', { type: 'button', class: 'pg-pager-button', 'aria-describedby': rangeId }, 'Next columns');
  const columnPager = el('div', { class: 'pg-pager', role: 'group', 'aria-label': `Columns of ${table.name}` }, previous, next);
  const moreBar = el('div', { class: 'pg-pager' }, more);
  const region = el(
    'div',
    { class: 'pg-scroll', role: 'region', 'aria-label': `Table ${table.name}`, tabindex: '0' },
    el('table', { class: 'pg-data', 'aria-describedby': `${summaryId} ${rangeId}` }, el('caption', {}, table.name), thead, tbody),
  );

  const describe = (): void => {
    const parts: string[] = [];
    const all = changedOnly ? plural(rows.length, 'changed row') : plural(table.rowCount, 'row');
    if (shown < (changedOnly ? rows.length : table.rowCount)) parts.push(`showing ${count(shown)} of ${all}`);
    if (table.truncated) parts.push(`the first ${count(table.rows.length)} rows are here`);
    if (table.columnCount > COLUMN_PAGE) parts.push(`columns ${count(firstColumn + 1)}–${count(lastColumn())} of ${count(table.columnCount)}`);
    if (table.columnCount > table.columns.length) parts.push(`the first ${count(table.columns.length)} columns are here`);
    const rest = table.truncated || table.columnCount > table.columns.length ? '. For the rest, query the table or export the database (Share menu).' : '';
    range.textContent = parts.length > 0 ? `${parts.join(' · ')}${rest}` : '';
    range.hidden = parts.length === 0;
    more.hidden = moreBar.hidden = shown >= rows.length;
    more.textContent = `Show ${count(Math.min(PAGE_ROWS, rows.length - shown))} more rows`;
    columnPager.hidden = table.columns.length <= COLUMN_PAGE;
    previous.disabled = firstColumn === 0;
    next.disabled = lastColumn() >= table.columns.length;
  };

  /** Adds rows [from, to) in slices the queue can spread over tasks. */
  const addRows = (from: number, to: number): void => {
    const drawn = generation;
    const width = Math.max(1, lastColumn() - firstColumn);
    const slice = Math.max(1, Math.floor(TASK_BUDGET / width));
    for (let start = from; start < to; start += slice) {
      const end = Math.min(to, start + slice);
      queue.add({
        cost: (end - start) * width,
        run: () => {
          if (drawn !== generation) return;
          tbody.append(...rows.slice(start, end).map((row) => rowView(row, table, types, firstColumn, lastColumn(), wholeValue)));
        },
      });
    }
    shown = to;
  };

  const draw = (): void => {
    generation++;
    const columns = table.columns.slice(firstColumn, lastColumn());
    thead.replaceChildren(
      el('tr', {}, el('th', { scope: 'col', class: 'pg-mark' }, srOnly('Change')), ...columns.map((column) => el('th', { scope: 'col' }, column))),
    );
    tbody.replaceChildren();
    if (rows.length === 0)
      tbody.append(el('tr', {}, el('td', { colspan: String(columns.length + 1), class: 'pg-empty' }, changedOnly ? 'No changes.' : 'No rows.')));
    addRows(0, Math.max(shown, Math.min(PAGE_ROWS, rows.length)));
    describe();
  };

  more.addEventListener('click', () => {
    queue.refill();
    addRows(shown, Math.min(rows.length, shown + PAGE_ROWS));
    describe();
    // The button goes away with the last rows: keep the keyboard focus nearby.
    if (more.hidden) region.focus();
  });
  const moveColumns = (by: number, pressed: HTMLButtonElement, other: HTMLButtonElement): void => {
    queue.refill();
    firstColumn = Math.max(0, Math.min(firstColumn + by, Math.max(0, table.columns.length - 1)));
    draw();
    // At either end the pressed button is disabled, which would drop the keyboard focus.
    if (pressed.disabled) other.focus();
  };
  previous.addEventListener('click', () => moveColumns(-COLUMN_PAGE, previous, next));
  next.addEventListener('click', () => moveColumns(COLUMN_PAGE, next, previous));

  draw();
  return el(
    'section',
    { class: 'pg-table-block' },
    el('p', { class: 'pg-table-summary', id: summaryId }, changeSummary(table)),
    range,
    columnPager,
    region,
    moreBar,
  );
}
