import type { SchemaInfo, TableSchema } from '../protocol.ts';
import { el } from '../ui/dom.ts';
import { erDiagram } from './er-diagram.ts';

function tableCard(table: TableSchema): HTMLElement {
  const foreign = new Map(table.foreignKeys.flatMap((key) => key.columns.map((column, i) => [column, `→ ${key.table}.${key.references[i] ?? ''} (on delete ${key.onDelete.toLowerCase()})`] as const)));
  const unique = new Set(table.indexes.filter((index) => index.unique && index.columns.length === 1 && index.origin !== 'pk').map((index) => index.columns[0]));
  const head = el('tr', {}, ...['Column', 'Type', 'Keys', 'Null', 'Default'].map((name) => el('th', { scope: 'col' }, name)));
  const rows = table.columns.map((column) => el('tr', {},
    el('td', {}, el('code', {}, column.name)),
    el('td', {}, column.type || '(none)'),
    el('td', {}, [column.primaryKey ? 'primary key' : '', unique.has(column.name) ? 'unique' : '', foreign.get(column.name) ?? ''].filter(Boolean).join(', ')),
    el('td', {}, column.notNull ? 'NOT NULL' : 'nullable'),
    el('td', {}, column.defaultValue ?? '')));
  const indexes = table.indexes.filter((index) => index.origin !== 'pk');
  const id = `pg-schema-${table.name.replace(/\W/g, '_')}`;
  return el('section', { class: 'pg-schema-table', 'aria-labelledby': id },
    el('h3', { id }, table.name, table.withoutRowid ? el('span', { class: 'pg-meta' }, ' (WITHOUT ROWID)') : null),
    el('div', { class: 'pg-scroll', role: 'region', 'aria-label': `Columns of ${table.name}`, tabindex: '0' },
      el('table', { class: 'pg-data' }, el('caption', {}, `Columns of ${table.name}`), el('thead', {}, head), el('tbody', {}, ...rows))),
    indexes.length > 0 ? el('p', { class: 'pg-meta' }, `Indexes: ${indexes.map((index) => `${index.name} (${index.unique ? 'unique, ' : ''}${index.columns.join(', ')})`).join('; ')}`) : null,
    el('details', { class: 'pg-ddl', open: '' }, el('summary', {}, 'DDL'),
      el('pre', {}, el('code', {}, [table.sql, ...indexes.map((index) => index.sql).filter((sql): sql is string => Boolean(sql))].map((sql) => `${sql};`).join('\n')))));
}

/** The Schema panel: the ER diagram, then each table's columns, keys, indexes and DDL. */
export function renderSchema(container: HTMLElement, schema: SchemaInfo): void {
  if (schema.tables.length === 0) {
    container.replaceChildren(el('p', { class: 'pg-empty' }, 'No tables yet.'));
    return;
  }
  container.replaceChildren(
    el('div', { class: 'pg-scroll pg-er-wrap', role: 'region', 'aria-label': 'Entity-relationship diagram', tabindex: '0' }, erDiagram(schema)),
    ...schema.tables.map(tableCard));
}
