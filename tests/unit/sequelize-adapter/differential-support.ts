// Machinery of the differential test (differential.test.ts): two fresh databases of one
// dialect, snapshots of their schema and contents read straight from the database, result
// normalisation, and comparisons that print one readable line per difference.
import { inspect, isDeepStrictEqual } from 'node:util';
import { QueryTypes, Sequelize } from 'sequelize';
import { freshPostgresDatabase } from '../../support/postgres.ts';
import { freshPgliteDatabase, sequelizePgliteOptions } from '../adapter-support/pglite.ts';
import { sqliteSequelize } from './support.ts';

/** `pglite`: Sequelize's postgres dialect on PGlite in Node (tests/unit/adapter-support/pglite.ts). */
export type Dialect = 'sqlite' | 'postgres' | 'pglite';

export interface ColumnSchema {
  readonly name: string;
  /** As declared: SQLite's `PRAGMA table_info` type; PostgreSQL's data type with its length. */
  type: string;
  readonly notNull: boolean;
  readonly default: string | null;
  /** Position in the primary key (1-based), 0 when not part of it. */
  readonly primaryKey: number;
}

export interface IndexSchema {
  readonly unique: boolean;
  readonly columns: readonly string[];
  /** What made it: the primary key, a UNIQUE constraint, or CREATE INDEX. */
  readonly origin: 'primary key' | 'unique constraint' | 'index';
}

export interface ForeignKeySchema {
  readonly from: string;
  readonly table: string;
  readonly to: string;
  readonly onDelete: string;
  readonly onUpdate: string;
}

export interface TableSchema {
  readonly columns: ColumnSchema[];
  indexes: IndexSchema[];
  readonly foreignKeys: ForeignKeySchema[];
}

export type Row = Record<string, unknown>;
/** By table name. */
export type Schema = Record<string, TableSchema>;
/** Rows by table name, sorted by `rowKey`. */
export type Contents = Record<string, Row[]>;

export interface Snapshot {
  readonly schema: Schema;
  readonly contents: Contents;
}

/** A fresh, empty database with a Sequelize instance on it. */
export interface TestDatabase {
  readonly sequelize: Sequelize;
  snapshot(): Promise<Snapshot>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL: at most this many connections in Sequelize's pool (its default is 5). */
  readonly connections?: number;
}

export const openDatabase: Record<Dialect, (options?: DatabaseOptions) => Promise<TestDatabase>> = {
  sqlite: openSqlite,
  postgres: openPostgres,
  pglite: openPglite,
};

// ---------------------------------------------------------------------------------------------
// Rows: matched and sorted by a natural key, never by the random surrogate ids.

const ROW_KEYS: Readonly<Record<string, readonly string[]>> = {
  users: ['id'],
  accounts: ['provider', 'provider_account_id'],
  sessions: ['session_token'],
  verification_tokens: ['identifier', 'token'],
  authenticators: ['credential_id'],
};

/** `provider=google provider_account_id=42`; every column for tables without a known key. */
export function rowKey(table: string, row: Row): string {
  const columns = ROW_KEYS[table] ?? Object.keys(row).sort();
  return columns.map((column) => `${column}=${String(row[column])}`).join(' ');
}

/** `rows`, sorted by `rowKey` (in place). */
export function sortRows(table: string, rows: Row[]): Row[] {
  return rows.sort((a, b) => (rowKey(table, a) < rowKey(table, b) ? -1 : rowKey(table, a) > rowKey(table, b) ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// SQLite (sql.js through the engine): PRAGMAs, read directly, not through Sequelize.

async function openSqlite(): Promise<TestDatabase> {
  const db = await sqliteSequelize();
  const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;
  return {
    sequelize: db.sequelize,
    close: () => db.close(),
    async snapshot() {
      const schema: Schema = {};
      const contents: Contents = {};
      const tables = db.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
      for (const { name } of tables) {
        const table = String(name);
        const columns = db.query(`PRAGMA table_info(${quote(table)})`).map(
          (column): ColumnSchema => ({
            name: String(column['name']),
            type: String(column['type']),
            notNull: column['notnull'] === 1,
            default: column['dflt_value'] === null ? null : String(column['dflt_value']),
            primaryKey: Number(column['pk']),
          }),
        );
        const origins = { pk: 'primary key', u: 'unique constraint', c: 'index' } as const;
        const indexes = db.query(`PRAGMA index_list(${quote(table)})`).map(
          (index): IndexSchema => ({
            unique: index['unique'] === 1,
            columns: db.query(`PRAGMA index_info(${quote(String(index['name']))})`).map((info) => String(info['name'])),
            origin: origins[String(index['origin']) as keyof typeof origins],
          }),
        );
        const foreignKeys = db.query(`PRAGMA foreign_key_list(${quote(table)})`).map(
          (key): ForeignKeySchema => ({
            from: String(key['from']),
            table: String(key['table']),
            to: String(key['to']),
            onDelete: String(key['on_delete']),
            onUpdate: String(key['on_update']),
          }),
        );
        schema[table] = { columns, indexes, foreignKeys };
        contents[table] = sortRows(table, db.query(`SELECT * FROM ${quote(table)}`));
      }
      return { schema, contents };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL (the cluster's, or PGlite's): information_schema and pg_catalog of the database's
// `public` schema.

const PG_ACTIONS: Readonly<Record<string, string>> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

async function openPostgres(options: DatabaseOptions = {}): Promise<TestDatabase> {
  const database = await freshPostgresDatabase();
  const sequelize = new Sequelize(database.connectionString, {
    logging: false,
    ...(options.connections === undefined ? {} : { pool: { max: options.connections } }),
  });
  return postgresDatabase(sequelize, () => database.drop());
}

/** PGlite: one connection (its only session), whatever `connections` asks. */
async function openPglite(): Promise<TestDatabase> {
  const database = await freshPgliteDatabase();
  return postgresDatabase(new Sequelize({ ...sequelizePgliteOptions(database), logging: false }), () => database.release());
}

/** `sequelize` on a PostgreSQL database, which `drop()` disposes of once Sequelize is closed. */
function postgresDatabase(sequelize: Sequelize, drop: () => Promise<void>): TestDatabase {
  const select = (sql: string): Promise<Row[]> => sequelize.query<Row>(sql, { type: QueryTypes.SELECT });
  return {
    sequelize,
    async close() {
      await sequelize.close();
      await drop();
    },
    async snapshot() {
      const schema: Schema = {};
      const contents: Contents = {};
      const table = (name: unknown): TableSchema => (schema[String(name)] ??= { columns: [], indexes: [], foreignKeys: [] });
      const columns = await select(`
        SELECT c.table_name, c.column_name, c.data_type, c.character_maximum_length, c.is_nullable, c.column_default,
          COALESCE((SELECT k.ordinal_position FROM information_schema.table_constraints t
            JOIN information_schema.key_column_usage k ON k.constraint_schema = t.constraint_schema AND k.constraint_name = t.constraint_name
            WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = c.table_schema AND t.table_name = c.table_name
              AND k.column_name = c.column_name), 0) AS primary_key
        FROM information_schema.columns c
        WHERE c.table_schema = 'public'
        ORDER BY c.table_name, c.ordinal_position`);
      for (const column of columns) {
        const length = column['character_maximum_length'];
        table(column['table_name']).columns.push({
          name: String(column['column_name']),
          type: `${String(column['data_type'])}${length === null ? '' : `(${String(length)})`}`,
          notNull: column['is_nullable'] === 'NO',
          default: column['column_default'] === null ? null : String(column['column_default']),
          primaryKey: Number(column['primary_key']),
        });
      }
      const indexes = await select(`
        SELECT t.relname AS table_name, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
          EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid AND c.contype = 'u') AS is_constraint,
          (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns
        FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public'`);
      for (const index of indexes) {
        table(index['table_name']).indexes.push({
          unique: index['is_unique'] === true,
          columns: String(index['columns']).split(','),
          origin: index['is_primary'] === true ? 'primary key' : index['is_constraint'] === true ? 'unique constraint' : 'index',
        });
      }
      const keys = await select(`
        SELECT cl.relname AS table_name, a.attname AS from_column, rt.relname AS to_table, ra.attname AS to_column,
          c.confdeltype AS on_delete, c.confupdtype AS on_update
        FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
          JOIN pg_class rt ON rt.oid = c.confrelid
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND n.nspname = 'public'`);
      for (const key of keys) {
        table(key['table_name']).foreignKeys.push({
          from: String(key['from_column']),
          table: String(key['to_table']),
          to: String(key['to_column']),
          onDelete: PG_ACTIONS[String(key['on_delete'])] ?? String(key['on_delete']),
          onUpdate: PG_ACTIONS[String(key['on_update'])] ?? String(key['on_update']),
        });
      }
      for (const name of Object.keys(schema)) {
        contents[name] = sortRows(name, await select(`SELECT * FROM "${name.replaceAll('"', '""')}"`));
      }
      return { schema, contents };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Results.

/** The key under which `normalise` records that a value was a Sequelize Model instance. */
export const MODEL_INSTANCE = '(Sequelize Model instance of)';
/** The key under which a call's rejection is recorded, in place of its result. */
export const THREW = '(threw)';

/**
 * Plain data to compare: Model instances become `{ [MODEL_INSTANCE]: modelName, ...get({ plain: true }) }`,
 * so that being an instance is itself a compared property; Dates and other leaves stay as they are.
 */
export function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value === null || typeof value !== 'object' || value instanceof Date || ArrayBuffer.isView(value)) return value;
  const candidate = value as { get?: (options: { plain: true }) => unknown; dataValues?: unknown; constructor?: { name?: string } };
  if (typeof candidate.get === 'function' && candidate.dataValues !== undefined) {
    return { [MODEL_INSTANCE]: candidate.constructor?.name ?? '?', ...(normalise(candidate.get({ plain: true })) as object) };
  }
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, normalise(entry)]));
}

export async function settle(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return normalise(await call());
  } catch (error) {
    return { [THREW]: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

// ---------------------------------------------------------------------------------------------
// Surrogate ids: accounts and sessions have an `id` that each side generates at random.

const SURROGATE_TABLES = ['accounts', 'sessions'] as const;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * One side's surrogate ids, each replaced by the name of the row it identifies — `(id of
 * sessions session_token=…)` — in the table contents and in the results. So both sides compare
 * equal where each writes a UUID v4 and returns the id of the very row the result is about,
 * and differ where a result lacks its id or carries another. Names outlive their rows:
 * deleteSession returns the id of a row that is gone by the snapshot after it.
 */
export class SurrogateIds {
  readonly #names = new Map<string, string>();

  /** Learns the ids in `contents` and names them there. */
  nameRows(contents: Contents): void {
    for (const table of SURROGATE_TABLES) {
      for (const row of contents[table] ?? []) {
        const id = row['id'];
        if (typeof id !== 'string' || !UUID_V4.test(id)) continue;
        const name = `(id of ${table} ${rowKey(table, row)})`;
        this.#names.set(id, name);
        row['id'] = name;
      }
    }
  }

  /** `result` with every known id under an `id` key replaced by its name. */
  nameIn(result: unknown): unknown {
    if (Array.isArray(result)) return result.map((entry) => this.nameIn(entry));
    if (result === null || typeof result !== 'object' || result instanceof Date || ArrayBuffer.isView(result)) return result;
    return Object.fromEntries(
      Object.entries(result).map(([key, value]) => [key, key === 'id' && typeof value === 'string' ? (this.#names.get(value) ?? value) : this.nameIn(value)]),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Comparisons: one line per difference, "where: ours … | upstream …".

export const show = (value: unknown): string => inspect(value, { depth: 4, breakLength: Infinity, maxStringLength: 70, maxArrayLength: 10 });

const line = (where: string, ours: unknown, upstream: unknown): string => `${where}: ours ${show(ours)} | upstream ${show(upstream)}`;
const ABSENT = Symbol('absent');
const plainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value));

/** Differences between two values, key by key; absent keys are told apart from undefined ones. */
export function compareValues(where: string, ours: unknown, upstream: unknown, out: string[] = []): string[] {
  if (plainObject(ours) && plainObject(upstream)) {
    for (const key of new Set([...Object.keys(ours), ...Object.keys(upstream)])) {
      const a = key in ours ? ours[key] : ABSENT;
      const b = key in upstream ? upstream[key] : ABSENT;
      if (a === ABSENT || b === ABSENT) {
        out.push(`${where}.${key}: ${a === ABSENT ? `absent in ours | upstream ${show(b)}` : `ours ${show(a)} | absent in upstream`}`);
      } else {
        compareValues(`${where}.${key}`, a, b, out);
      }
    }
  } else if (Array.isArray(ours) && Array.isArray(upstream)) {
    for (let i = 0; i < Math.max(ours.length, upstream.length); i++) {
      if (i >= ours.length) out.push(`${where}[${i}]: absent in ours | upstream ${show(upstream[i])}`);
      else if (i >= upstream.length) out.push(`${where}[${i}]: ours ${show(ours[i])} | absent in upstream`);
      else compareValues(`${where}[${i}]`, ours[i], upstream[i], out);
    }
  } else if (!isDeepStrictEqual(ours, upstream)) {
    out.push(line(where, ours, upstream));
  }
  return out;
}

const describeIndex = (index: IndexSchema): string => `${index.unique ? 'UNIQUE ' : ''}(${index.columns.join(', ')}) by ${index.origin}`;
const describeKey = (key: ForeignKeySchema): string => `${key.from} → ${key.table}.${key.to} ON DELETE ${key.onDelete} ON UPDATE ${key.onUpdate}`;

/** Tables, columns (in order, every property), indexes and foreign keys. */
export function compareSchemas(ours: Schema, upstream: Schema): string[] {
  const out: string[] = [];
  for (const name of [...new Set([...Object.keys(ours), ...Object.keys(upstream)])].sort()) {
    const a = ours[name];
    const b = upstream[name];
    if (!a || !b) {
      out.push(`schema: table ${name} only in ${a ? 'ours' : 'upstream'}`);
      continue;
    }
    const names = (table: TableSchema) => table.columns.map((column) => column.name);
    if (!isDeepStrictEqual(names(a), names(b))) out.push(line(`schema ${name}: columns`, names(a), names(b)));
    for (const column of a.columns) {
      const other = b.columns.find((candidate) => candidate.name === column.name);
      if (other) compareValues(`schema ${name}.${column.name}`, { ...column }, { ...other }, out);
    }
    const setDifference = <T>(label: string, mine: readonly T[], theirs: readonly T[], describe: (item: T) => string) => {
      const left = mine.map(describe);
      const right = theirs.map(describe);
      for (const item of left.filter((entry) => !right.includes(entry))) out.push(`schema ${name}: ${label} ${item} only in ours`);
      for (const item of right.filter((entry) => !left.includes(entry))) out.push(`schema ${name}: ${label} ${item} only in upstream`);
    };
    setDifference('index', a.indexes, b.indexes, describeIndex);
    setDifference('foreign key', a.foreignKeys, b.foreignKeys, describeKey);
  }
  return out;
}

/** Every table's rows, matched by `rowKey`, every column. */
export function compareContents(ours: Contents, upstream: Contents): string[] {
  const out: string[] = [];
  for (const table of [...new Set([...Object.keys(ours), ...Object.keys(upstream)])].sort()) {
    const a = new Map((ours[table] ?? []).map((row) => [rowKey(table, row), row]));
    const b = new Map((upstream[table] ?? []).map((row) => [rowKey(table, row), row]));
    if (!ours[table] || !upstream[table]) out.push(`contents: table ${table} only in ${ours[table] ? 'ours' : 'upstream'}`);
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      const mine = a.get(key);
      const theirs = b.get(key);
      if (!mine || !theirs) out.push(`contents ${table} [${key}]: row only in ${mine ? 'ours' : 'upstream'}: ${show(mine ?? theirs)}`);
      else compareValues(`contents ${table} [${key}]`, mine, theirs, out);
    }
  }
  return out;
}
