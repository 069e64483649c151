import type { SchemaInfo, TableSchema } from '../protocol.ts';
import { el } from '../ui/dom.ts';
import { erDiagram } from './er-diagram.ts';
import { countText as count } from '../count-text.ts';

/** Table cards drawn at first, and added by each "Show more tables". */
export const SCHEMA_TABLE_PAGE = 25;
/** Columns listed per card at first, and added by each "Show more columns". */
export const SCHEMA_COLUMN_PAGE = 50;
/** What the diagram draws: a picture of thousands of boxes or columns says nothing and blocks the page. */
export const DIAGRAM_TABLES = 30;
export const DIAGRAM_COLUMNS = 30;
/** DDL characters shown before "Show the whole DDL". */
const DDL_LENGTH = 4_000;
const INDEXES_LISTED = 20;

function columnRows(table: TableSchema, from: number, to: number): HTMLTableRowElement[] {
  const foreign = new Map(
    table.foreignKeys.flatMap((key) =>
      key.columns.map((column, i) => [column, `→ ${key.table}.${key.references[i] ?? ''} (on delete ${key.onDelete.toLowerCase()})`] as const),
    ),
  );
  const unique = new Set(table.indexes.filter((index) => index.unique && index.columns.length === 1 && index.origin !== 'pk').map((index) => index.columns[0]));
  return table.columns
    .slice(from, to)
    .map((column) =>
      el(
        'tr',
        {},
        el('td', {}, el('code', {}, column.name)),
        el('td', {}, column.type || '(none)'),
        el(
          'td',
          {},
          [column.primaryKey ? 'primary key' : '', unique.has(column.name) ? 'unique' : '', foreign.get(column.name) ?? ''].filter(Boolean).join(', '),
        ),
        el('td', {}, column.notNull ? 'NOT NULL' : 'nullable'),
        el('td', {}, column.defaultValue ?? ''),
      ),
    );
}

function ddlView(table: TableSchema, indexes: TableSchema['indexes']): HTMLElement {
  const ddl = [table.sql, ...indexes.map((index) => index.sql).filter((sql): sql is string => Boolean(sql))].map((sql) => `${sql};`).join('\n');
  const code = el('code', {}, ddl.length > DDL_LENGTH ? `${ddl.slice(0, DDL_LENGTH)}…` : ddl);
  const all = el('button', { type: 'button', class: 'pg-pager-button' }, `Show the whole DDL (${count(ddl.length)} characters)`);
  all.hidden = ddl.length <= DDL_LENGTH;
  all.addEventListener('click', () => {
    code.textContent = ddl;
    all.hidden = true;
    code.parentElement?.focus();
  });
  return el('details', { class: 'pg-ddl', open: '' }, el('summary', {}, 'DDL'), el('pre', { tabindex: '-1' }, code), all);
}

function tableCard(table: TableSchema): HTMLElement {
  const id = `pg-schema-${table.name.replace(/\W/g, '_')}`;
  const rangeId = `${id}-range`;
  const head = el('tr', {}, ...['Column', 'Type', 'Keys', 'Null', 'Default'].map((name) => el('th', { scope: 'col' }, name)));
  const body = el('tbody');
  const range = el('p', { class: 'pg-table-range', id: rangeId });
  const more = el('button', { type: 'button', class: 'pg-pager-button', 'aria-describedby': rangeId });
  const moreBar = el('div', { class: 'pg-pager' }, more);
  const region = el(
    'div',
    { class: 'pg-scroll', role: 'region', 'aria-label': `Columns of ${table.name}`, tabindex: '0' },
    el('table', { class: 'pg-data', 'aria-describedby': rangeId }, el('caption', {}, `Columns of ${table.name}`), el('thead', {}, head), body),
  );
  let shown = 0;
  const show = (to: number): void => {
    body.append(...columnRows(table, shown, to));
    shown = to;
    range.textContent = `Columns 1–${count(shown)} of ${count(table.columns.length)}`;
    range.hidden = moreBar.hidden = shown >= table.columns.length;
    more.textContent = `Show ${count(Math.min(SCHEMA_COLUMN_PAGE * 2, table.columns.length - shown))} more columns`;
  };
  more.addEventListener('click', () => {
    show(Math.min(table.columns.length, shown + SCHEMA_COLUMN_PAGE * 2));
    if (moreBar.hidden) region.focus();
  });
  show(Math.min(table.columns.length, SCHEMA_COLUMN_PAGE));
  const indexes = table.indexes.filter((index) => index.origin !== 'pk');
  const listed = indexes
    .slice(0, INDEXES_LISTED)
    .map((index) => `${index.name} (${index.unique ? 'unique, ' : ''}${index.columns.join(', ')})`)
    .join('; ');
  return el(
    'section',
    { class: 'pg-schema-table', 'aria-labelledby': id },
    el('h3', { id }, table.name, table.withoutRowid ? el('span', { class: 'pg-meta' }, ' (WITHOUT ROWID)') : null),
    range,
    region,
    moreBar,
    indexes.length > 0
      ? el(
          'p',
          { class: 'pg-meta' },
          `Indexes: ${listed}${indexes.length > INDEXES_LISTED ? ` and ${count(indexes.length - INDEXES_LISTED)} more (see the DDL)` : ''}`,
        )
      : null,
    ddlView(table, indexes),
  );
}

/** The schema the diagram draws: the first tables, each with its first columns and every key column. */
function diagramSchema(schema: SchemaInfo): { schema: SchemaInfo; note: string | null } {
  let cut = false;
  const tables = schema.tables.slice(0, DIAGRAM_TABLES).map((table) => {
    if (table.columns.length <= DIAGRAM_COLUMNS) return table;
    cut = true;
    const keys = new Set(table.foreignKeys.flatMap((key) => key.columns));
    const columns = table.columns.filter((column, i) => i < DIAGRAM_COLUMNS || column.primaryKey > 0 || keys.has(column.name));
    return { ...table, columns };
  });
  const parts = [
    schema.tables.length > DIAGRAM_TABLES ? `the first ${DIAGRAM_TABLES} of ${count(schema.tables.length)} tables` : '',
    cut ? `at most ${DIAGRAM_COLUMNS} columns of each (and its keys)` : '',
  ].filter(Boolean);
  return { schema: { tables }, note: parts.length > 0 ? `The diagram shows ${parts.join(', ')}; the tables below list everything.` : null };
}

/** The Schema panel: the ER diagram, then each table's columns, keys, indexes and DDL — a page at a time. */
export function renderSchema(container: HTMLElement, schema: SchemaInfo): void {
  if (schema.tables.length === 0) {
    container.replaceChildren(el('p', { class: 'pg-empty' }, 'No tables yet.'));
    return;
  }
  const diagram = diagramSchema(schema);
  const cards = el('div', { class: 'pg-schema-tables' });
  const moreBar = el('div', { class: 'pg-pager' });
  const more = el('button', { type: 'button', class: 'pg-pager-button' });
  moreBar.append(more);
  let shown = 0;
  const showTables = (): void => {
    const next = schema.tables.slice(shown, shown + SCHEMA_TABLE_PAGE);
    cards.append(...next.map(tableCard));
    shown += next.length;
    moreBar.hidden = shown >= schema.tables.length;
    more.textContent = `Show more tables (${count(shown)} of ${count(schema.tables.length)} shown)`;
  };
  more.addEventListener('click', () => {
    const first = shown;
    showTables();
    cards.children[first]?.querySelector<HTMLElement>('.pg-scroll')?.focus();
  });
  showTables();
  container.replaceChildren(
    diagram.note ? el('p', { class: 'pg-meta' }, diagram.note) : '',
    el('div', { class: 'pg-scroll pg-er-wrap', role: 'region', 'aria-label': 'Entity-relationship diagram', tabindex: '0' }, erDiagram(diagram.schema)),
    cards,
    moreBar,
  );
}
