import type { RowView, SchemaInfo, TableView } from '../protocol.ts';
import { el, plural, srOnly } from '../ui/dom.ts';
import { cellText, cellView, copyWholeValues, isLongToken, tokenView } from './cell-format.ts';

const STATUS_LABEL: Record<RowView['status'], string> = { same: 'Unchanged', inserted: 'Inserted', updated: 'Updated', deleted: 'Deleted' };
const STATUS_MARK: Record<RowView['status'], string> = { same: '', inserted: '+', updated: '~', deleted: '−' };

function changeSummary(table: TableView): string {
  const parts = [plural(table.rowCount, 'row')];
  const { inserted, updated, deleted } = table.changes;
  if (inserted) parts.push(`${inserted} inserted`);
  if (updated) parts.push(`${updated} updated`);
  if (deleted) parts.push(`${deleted} deleted`);
  if (table.created) parts.push('new table');
  if (table.truncated) parts.push(`showing ${table.rows.length}`);
  return parts.join(' · ');
}

function rowView(row: RowView, types: readonly string[]): HTMLTableRowElement {
  const changed = new Map(row.changed ?? []);
  const label = row.transient ? 'Inserted and deleted' : STATUS_LABEL[row.status];
  const tr = el('tr', { 'data-status': row.status, ...(row.transient ? { 'data-transient': 'true' } : {}) },
    el('td', { class: 'pg-mark', title: label }, el('span', { 'aria-hidden': 'true' }, STATUS_MARK[row.status]), row.status === 'same' ? null : srOnly(label)));
  row.values.forEach((value, i) => {
    const before = changed.get(i);
    const td = el('td', {}, cellView(value, types[i]));
    if (changed.has(i)) {
      td.dataset['changed'] = 'true';
      const was = cellText(before ?? null);
      td.append(el('span', { class: 'pg-was' }, srOnly('was '), isLongToken(was) ? tokenView(was) : was));
    }
    tr.append(td);
  });
  return tr;
}

/**
 * The Tables panel: every table with its rows, the last run's or call's changes marked —
 * inserted, updated (changed cells show their old value), deleted (struck through, with the
 * values they had). Each is a <table> whose caption is the table's name.
 */
export function renderTables(container: HTMLElement, tables: readonly TableView[], schema: SchemaInfo, changedOnly: boolean, sourceLabel: string): void {
  if (tables.length === 0) {
    container.replaceChildren(el('p', { class: 'pg-empty' }, 'No tables yet. Run the code: the tables it creates appear here.'));
    return;
  }
  const blocks = tables.map((table) => {
    const types = schema.tables.find((candidate) => candidate.name === table.name)?.columns.map((column) => column.type) ?? [];
    const rows = changedOnly ? table.rows.filter((row) => row.status !== 'same') : table.rows;
    const summaryId = `pg-table-summary-${table.name.replace(/\W/g, '_')}`;
    const head = el('tr', {}, el('th', { scope: 'col', class: 'pg-mark' }, srOnly('Change')), ...table.columns.map((column) => el('th', { scope: 'col' }, column)));
    const body = el('tbody', {}, ...rows.map((row) => rowView(row, types)));
    if (rows.length === 0) body.append(el('tr', {}, el('td', { colspan: String(table.columns.length + 1), class: 'pg-empty' }, changedOnly ? 'No changes.' : 'No rows.')));
    return el('section', { class: 'pg-table-block' },
      el('p', { class: 'pg-table-summary', id: summaryId }, changeSummary(table)),
      el('div', { class: 'pg-scroll', role: 'region', 'aria-label': `Table ${table.name}`, tabindex: '0' },
        el('table', { class: 'pg-data', 'aria-describedby': summaryId }, el('caption', {}, table.name), el('thead', {}, head), body)));
  });
  container.replaceChildren(el('p', { class: 'pg-muted pg-panel-note' }, sourceLabel), ...blocks);
  // A property, not a listener: the panel is drawn again after every run.
  container.oncopy = copyWholeValues;
}
