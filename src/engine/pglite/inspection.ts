import type { PGliteInterface } from '@electric-sql/pglite';
import {
  type CellValue,
  type ColumnInfo,
  type DatabaseState,
  type ForeignKeyInfo,
  type IndexInfo,
  type SchemaInfo,
  type TableSchema,
  type TableState,
  rowKey,
  snapshotRowLimit,
  VIEW_COLUMN_LIMIT,
} from '../database-state.ts';
import { listTables, quoteIdentifier, type TableListing, tableName, userSchemaCondition } from './catalog.ts';
import { recordValues } from './record-text.ts';

/**
 * The alias tables are read under: `ROW(alias.*)` is the whole row even when a column is named
 * like the alias, which `alias::text` would not be.
 */
const ROW_ALIAS = 'adapter_lab_row';

/** Whether the user's schemas hold nothing at all: no table, view, sequence, type or function, and no schema but an empty `public`. */
export async function isEmpty(db: PGliteInterface): Promise<boolean> {
  const user = (column: string) => userSchemaCondition(column);
  const result = await db.query<{ empty: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${user('n.nspname')})
        AND NOT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE ${user('n.nspname')})
        AND NOT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${user('n.nspname')})
        AND NOT EXISTS (SELECT 1 FROM pg_namespace n WHERE ${user('n.nspname')} AND n.nspname <> 'public') AS empty`,
  );
  return result.rows[0]?.empty ?? true;
}

/**
 * The SQL that reads a table's rows as the row log records them: its key (the primary key's
 * columns as a record, or the ctid of a table without one) and its first VIEW_COLUMN_LIMIT
 * columns as a record's text (the whole row's, `OLD::text` in the trigger, when that is all of them).
 */
export function rowReadSql(table: TableListing): { key: string; values: string } {
  const column = (i: number) => `${ROW_ALIAS}.${quoteIdentifier(table.columns[i]?.name ?? '')}`;
  const key = table.primaryKey.length > 0 ? `ROW(${table.primaryKey.map(column).join(', ')})::text` : `${ROW_ALIAS}.ctid::text`;
  const values =
    table.columns.length <= VIEW_COLUMN_LIMIT
      ? `ROW(${ROW_ALIAS}.*)::text`
      : `ROW(${table.columns
          .slice(0, VIEW_COLUMN_LIMIT)
          .map((_, i) => column(i))
          .join(', ')})::text`;
  return { key, values };
}

/** The row key (database-state.ts rowKey) of a table's row from the text rowReadSql's `key` reads. */
export function keyFromText(table: TableListing, text: string): string {
  if (table.primaryKey.length === 0) return text;
  const kinds = table.primaryKey.map((i) => table.columns[i]?.kind ?? 'text');
  const values = recordValues(text, kinds);
  return values.length === 1 ? rowKey(values[0] ?? null) : rowKey(values);
}

/**
 * Each user table's first rows (see snapshotRowLimit), read straight from PGlite (no statement
 * reported; the engine's reads change no row). Rows are in primary key order (ctid order without one).
 */
export async function readDatabaseState(db: PGliteInterface): Promise<DatabaseState> {
  const state = new Map<string, TableState>();
  for (const table of await listTables(db)) {
    const count = await db.query<{ count: number }>(`SELECT count(*)::int8::float8 AS count FROM ${table.sql}`);
    const read = rowReadSql(table);
    const order =
      table.primaryKey.length > 0 ? table.primaryKey.map((i) => `${ROW_ALIAS}.${quoteIdentifier(table.columns[i]?.name ?? '')}`) : [`${ROW_ALIAS}.ctid`];
    const kinds = table.columns.slice(0, VIEW_COLUMN_LIMIT).map((column) => column.kind);
    const result = await db.query<{ key: string; row: string }>(
      `SELECT ${read.key} AS key, ${read.values} AS row FROM ${table.sql} AS ${ROW_ALIAS} ORDER BY ${order.join(', ')} LIMIT ${snapshotRowLimit(kinds.length)}`,
    );
    const rows = new Map<string, readonly CellValue[]>();
    for (const row of result.rows) rows.set(keyFromText(table, row.key), recordValues(row.row, kinds));
    state.set(table.name, {
      name: table.name,
      columns: table.columns.map((column) => column.name),
      rows,
      rowCount: Number(count.rows[0]?.count ?? 0),
    });
  }
  return state;
}

const ACTIONS: Readonly<Record<string, string>> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

interface ColumnRow {
  rel: number;
  name: string;
  quoted: string;
  type: string;
  not_null: boolean;
  pk: number;
  default: string | null;
  identity: string;
  generated: string;
}

interface IndexRow {
  rel: number;
  name: string;
  unique: boolean;
  primary: boolean;
  constraint: boolean;
  sql: string;
  columns: string[] | null;
}

interface ForeignKeyRow {
  rel: number;
  ref_schema: string;
  ref_name: string;
  on_delete: string;
  on_update: string;
  columns: string[] | null;
  refs: string[] | null;
}

interface ConstraintRow {
  rel: number;
  name: string;
  definition: string;
}

interface TableRow {
  rel: number;
  quoted: string;
  partition_by: string | null;
}

function group<T extends { rel: number }>(rows: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    let list = groups.get(row.rel);
    if (!list) groups.set(row.rel, (list = []));
    list.push(row);
  }
  return groups;
}

/** A column's line in the rebuilt CREATE TABLE. */
function columnLine(column: ColumnRow): string {
  let line = `  ${column.quoted} ${column.type}`;
  if (column.generated === 's' || column.generated === 'v')
    line += ` GENERATED ALWAYS AS (${column.default ?? ''})${column.generated === 's' ? ' STORED' : ''}`;
  else if (column.identity === 'a' || column.identity === 'd') line += ` GENERATED ${column.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
  if (column.not_null) line += ' NOT NULL';
  if (!column.generated && column.default !== null) line += ` DEFAULT ${column.default}`;
  return line;
}

/**
 * The user tables' structure for the Schema panel, from PostgreSQL's catalog: columns (type as
 * format_type prints it, NOT NULL, primary key position, default), indexes, foreign keys, and a
 * CREATE TABLE rebuilt from it all (PostgreSQL keeps no table's DDL). The engine's row trigger is
 * never shown.
 */
export async function readSchema(db: PGliteInterface): Promise<SchemaInfo> {
  const tables = await listTables(db);
  const oids = [tables.map((table) => table.oid)];
  const [tableRows, columnRows, indexRows, foreignKeyRows, constraintRows] = await Promise.all([
    db.query<TableRow>(
      `SELECT c.oid::int4 AS rel, CASE WHEN n.nspname = 'public' THEN '' ELSE quote_ident(n.nspname) || '.' END || quote_ident(c.relname) AS quoted,
         CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_by
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ANY($1::oid[])`,
      oids,
    ),
    db.query<ColumnRow>(
      `SELECT a.attrelid::int4 AS rel, a.attname AS name, quote_ident(a.attname) AS quoted, format_type(a.atttypid, a.atttypmod) AS type,
         a.attnotnull AS not_null, a.attidentity AS identity, a.attgenerated AS generated, pg_get_expr(d.adbin, d.adrelid) AS default,
         coalesce((SELECT k.ord FROM pg_index i CROSS JOIN unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                   WHERE i.indrelid = a.attrelid AND i.indisprimary AND k.attnum = a.attnum), 0)::int4 AS pk
       FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
       ORDER BY a.attrelid, a.attnum`,
      oids,
    ),
    db.query<IndexRow>(
      `SELECT i.indrelid::int4 AS rel, x.relname AS name, i.indisunique AS unique, i.indisprimary AS primary,
         EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype = 'u') AS constraint,
         pg_get_indexdef(i.indexrelid) AS sql,
         (SELECT json_agg(CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.ord::int4, true) ELSE a.attname END ORDER BY k.ord)
            FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE k.ord <= i.indnkeyatts) AS columns
       FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
       WHERE i.indrelid = ANY($1::oid[])
       ORDER BY i.indexrelid`,
      oids,
    ),
    db.query<ForeignKeyRow>(
      `SELECT k.conrelid::int4 AS rel, n.nspname AS ref_schema, c.relname AS ref_name, k.confdeltype AS on_delete, k.confupdtype AS on_update,
         (SELECT json_agg(a.attname ORDER BY u.ord) FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum) AS columns,
         (SELECT json_agg(a.attname ORDER BY u.ord) FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum) AS refs
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.confrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE k.contype = 'f' AND k.conparentid = 0 AND k.conrelid = ANY($1::oid[])
       ORDER BY k.oid`,
      oids,
    ),
    // NOT NULL constraints (contype n) are written on their columns.
    db.query<ConstraintRow>(
      `SELECT conrelid::int4 AS rel, quote_ident(conname) AS name, pg_get_constraintdef(oid, true) AS definition
       FROM pg_constraint
       WHERE conrelid = ANY($1::oid[]) AND contype IN ('p', 'u', 'f', 'c', 'x') AND conparentid = 0
       ORDER BY CASE contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'f' THEN 2 ELSE 3 END, oid`,
      oids,
    ),
  ]);
  const heads = new Map(tableRows.rows.map((row) => [row.rel, row]));
  const columnsOf = group(columnRows.rows);
  const indexesOf = group(indexRows.rows);
  const foreignKeysOf = group(foreignKeyRows.rows);
  const constraintsOf = group(constraintRows.rows);
  const schemas: TableSchema[] = tables.map((table) => {
    const columns = columnsOf.get(table.oid) ?? [];
    const constraints = constraintsOf.get(table.oid) ?? [];
    const head = heads.get(table.oid);
    const lines = [...columns.map(columnLine), ...constraints.map((constraint) => `  CONSTRAINT ${constraint.name} ${constraint.definition}`)];
    const body = lines.length > 0 ? `\n${lines.join(',\n')}\n` : '';
    const sql = `CREATE TABLE ${head?.quoted ?? table.sql} (${body})${head?.partition_by ? ` PARTITION BY ${head.partition_by}` : ''};`;
    return {
      name: table.name,
      sql,
      columns: columns.map(
        (column): ColumnInfo => ({
          name: column.name,
          type: column.type,
          notNull: column.not_null,
          primaryKey: column.pk,
          defaultValue: column.generated ? null : column.default,
        }),
      ),
      indexes: (indexesOf.get(table.oid) ?? []).map(
        (index): IndexInfo => ({
          name: index.name,
          unique: index.unique,
          columns: index.columns ?? [],
          origin: index.primary ? 'pk' : index.constraint ? 'u' : 'c',
          sql: index.sql,
        }),
      ),
      foreignKeys: (foreignKeysOf.get(table.oid) ?? []).map(
        (key): ForeignKeyInfo => ({
          columns: key.columns ?? [],
          table: tableName(key.ref_schema, key.ref_name),
          references: key.refs ?? [],
          onDelete: ACTIONS[key.on_delete] ?? key.on_delete,
          onUpdate: ACTIONS[key.on_update] ?? key.on_update,
        }),
      ),
      withoutRowid: false,
    };
  });
  return { tables: schemas };
}
