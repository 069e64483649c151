import type { PGliteInterface } from '@electric-sql/pglite';
import { HIDDEN_SCHEMA } from './hidden-schema.ts';
import { type ValueKind, valueKind } from './record-text.ts';

/** A PostgreSQL identifier as SQL text: double-quoted, inner quotes doubled, so any name is safe. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The schemas whose tables are the user's: all but PostgreSQL's own (pg_catalog, pg_toast,
 * temporary schemas…), information_schema and the engine's own (hidden-schema.ts). A SQL
 * condition on a schema name column.
 */
export function userSchemaCondition(column: string): string {
  return `${column} NOT LIKE 'pg\\_%' AND ${column} <> 'information_schema' AND ${column} <> '${HIDDEN_SCHEMA}'`;
}

/** How the panels name a table: as is in `public`, `schema.table` in any other schema. */
export function tableName(schema: string, name: string): string {
  return schema === 'public' ? name : `${schema}.${name}`;
}

export interface ColumnListing {
  readonly name: string;
  /** The column's type OID, a domain's base type's. */
  readonly typeOid: number;
  readonly kind: ValueKind;
}

export interface TableListing {
  readonly oid: number;
  readonly schema: string;
  /** The table's own name (pg_class.relname). */
  readonly relname: string;
  /** The name the panels use (tableName). */
  readonly name: string;
  /** `"schema"."table"`, for SQL. */
  readonly sql: string;
  /** Every column a row's text has, in order (attnum; dropped ones left out, as record_out does). */
  readonly columns: readonly ColumnListing[];
  /** Positions in `columns` of the primary key's columns, in the key's order; empty without one. */
  readonly primaryKey: readonly number[];
}

interface ListingRow {
  oid: number;
  schema: string;
  relname: string;
  columns: Array<{ name: string; type: number }> | null;
  pk: string[] | null;
}

/**
 * The user's tables (plain and partitioned; partitions are read through their root), in creation
 * order (OID), or only the ones with the given OIDs.
 */
export async function listTables(db: PGliteInterface, oids?: readonly number[]): Promise<TableListing[]> {
  const result = await db.query<ListingRow>(
    `SELECT c.oid::int4 AS oid, n.nspname AS schema, c.relname,
       (SELECT json_agg(json_build_object('name', a.attname, 'type', CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END::int4) ORDER BY a.attnum)
          FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
          WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
       (SELECT json_agg(a.attname ORDER BY k.ord)
          FROM pg_index i CROSS JOIN unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
          WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${userSchemaCondition('n.nspname')}
       ${oids ? 'AND c.oid = ANY($1::oid[])' : ''}
     ORDER BY c.oid`,
    oids ? [oids] : [],
  );
  return result.rows.map((row) => {
    const columns = (row.columns ?? []).map((column) => ({ name: column.name, typeOid: column.type, kind: valueKind(column.type) }));
    const names = columns.map((column) => column.name);
    return {
      oid: row.oid,
      schema: row.schema,
      relname: row.relname,
      name: tableName(row.schema, row.relname),
      sql: `${quoteIdentifier(row.schema)}.${quoteIdentifier(row.relname)}`,
      columns,
      primaryKey: (row.pk ?? []).map((column) => names.indexOf(column)),
    };
  });
}
