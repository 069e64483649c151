import type { EntityMetadata, EntityProperty, Platform } from '@mikro-orm/core';
import { sql, type Kysely, type QueryResult, type RawBuilder, type Transaction } from 'kysely';

export type Row = Record<string, unknown>;
/** Equality conditions by attribute name, joined with AND. */
export type Where = Readonly<Record<string, string | number>>;
// biome-ignore lint/suspicious/noExplicitAny: the ORM's kysely client knows no table types; the SQL is built from metadata.
export type AnyKysely = Kysely<any>;
// biome-ignore lint/suspicious/noExplicitAny: as above, for a transaction of that client.
type Db = AnyKysely | Transaction<any>;

interface Column {
  /** The key in the adapter's objects: the property name, or `userId` for the user relation. */
  readonly attribute: string;
  readonly field: string;
  /** Hidden properties are written but never returned. */
  readonly returned: boolean;
  /** A primary key: one not given (an autoincrement id) is read back from the INSERT. */
  readonly key: boolean;
  readonly read: (value: unknown) => unknown;
  readonly write: (value: unknown) => unknown;
}

/**
 * MySQL and MariaDB hand DATETIME back as text without a zone ("2030-01-02 03:04:05.678"), in the
 * ORM's time zone (`timezone`, UTC by default): read it there, not in the process's local time.
 */
function readDate(value: unknown, timezone: string | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return new Date(Number(value));
  const zoneless = typeof value === 'string' && /^\d{4}-\d\d-\d\d[ T][\d:.]+$/.test(value);
  return new Date(zoneless && timezone && timezone !== 'local' ? `${value}${timezone}` : (value as string | number));
}

function columnsOf(meta: EntityMetadata, platform: Platform): Column[] {
  const columns: Column[] = [];
  for (const prop of meta.props as EntityProperty[]) {
    if (prop.persist === false || prop.formula || !prop.fieldNames?.length) continue;
    if (prop.kind === 'm:1') {
      columns.push({
        attribute: prop.name === 'user' ? 'userId' : prop.name,
        field: prop.fieldNames[0]!,
        returned: true,
        key: Boolean(prop.primary),
        read: (v) => v ?? null,
        write: (v) => v,
      });
      continue;
    }
    if (prop.kind !== 'scalar') continue;
    const type = prop.customType;
    const isDate = prop.runtimeType === 'Date';
    const isBoolean = prop.runtimeType === 'boolean';
    columns.push({
      attribute: prop.name,
      field: prop.fieldNames[0]!,
      returned: !prop.hidden,
      key: Boolean(prop.primary),
      read: (value) => {
        if (value === null || value === undefined) return null;
        if (isDate) return readDate(value, platform.getTimezone());
        if (isBoolean) return typeof value === 'string' ? value === '1' || value === 'true' : Boolean(value);
        return type ? type.convertToJSValue(value, platform) : value;
      },
      write: (value) => {
        if (value === null || value === undefined) return null;
        // Dates are stored as the platform stores them (epoch milliseconds on SQLite).
        if (isDate && value instanceof Date) return platform.processDateProperty(value);
        return type ? type.convertToDatabaseValue(value, platform) : value;
      },
    });
  }
  return columns;
}

/**
 * One adapter table, described by the entity's MikroORM metadata (so custom entities' extra
 * properties come along), queried as single statements through the ORM's own kysely instance:
 * bound parameters, no identity map, no shared EntityManager state between calls.
 */
export class Table {
  readonly meta: EntityMetadata;
  readonly quotedTable: string;
  readonly #db: AnyKysely;
  readonly #platform: Platform;
  readonly #columns: readonly Column[];
  readonly #returned: readonly Column[];
  readonly #byAttribute: ReadonlyMap<string, Column>;
  readonly #returning: boolean;
  readonly #convert: (error: unknown) => unknown;

  constructor(options: { db: AnyKysely; platform: Platform; meta: EntityMetadata; convertError: (error: unknown) => unknown }) {
    this.meta = options.meta;
    this.#db = options.db;
    this.#platform = options.platform;
    this.#columns = columnsOf(options.meta, options.platform);
    this.#returned = this.#columns.filter((column) => column.returned);
    this.#byAttribute = new Map(this.#columns.map((column) => [column.attribute, column]));
    this.#returning = options.platform.usesReturningStatement();
    this.#convert = options.convertError;
    const table = options.meta.schema ? `${options.meta.schema}.${options.meta.tableName}` : options.meta.tableName;
    this.quotedTable = this.#platform.quoteIdentifier(table);
  }

  #quote(name: string): string {
    return this.#platform.quoteIdentifier(name);
  }

  /** The quoted column of `attribute`, prefixed with a table alias when one is given. */
  column(attribute: string, alias = ''): string {
    const column = this.#byAttribute.get(attribute);
    if (!column) throw new Error(`Entity ${this.meta.className} has no property "${attribute}", which the adapter needs`);
    return `${alias ? `${alias}.` : ''}${this.#quote(column.field)}`;
  }

  /** `alias.field AS prefixN` for every returned column. */
  selectList(alias: string, prefix: string): string {
    const qualifier = alias ? `${alias}.` : '';
    return this.#returned.map((column, i) => `${qualifier}${this.#quote(column.field)} AS ${this.#quote(`${prefix}${i}`)}`).join(', ');
  }

  fromRow(row: Row, prefix: string): Row {
    const result: Row = {};
    this.#returned.forEach((column, i) => {
      result[column.attribute] = column.read(row[`${prefix}${i}`]);
    });
    return result;
  }

  /** `alias.a = $1 AND …` with the values bound; refuses a missing value, naming it. */
  condition(where: Where, alias = ''): RawBuilder<unknown> {
    const parts = Object.entries(where).map(([attribute, value]) => {
      if (value === undefined || value === null) throw new TypeError(`Cannot look up ${this.meta.className} by ${attribute}: no ${attribute} given`);
      return sql`${sql.raw(this.column(attribute, alias))} = ${value}`;
    });
    return sql.join(parts, sql` AND `);
  }

  /** Runs a statement, with the driver's typed errors (UniqueConstraintViolationException, …). */
  async rows(query: RawBuilder<unknown>, db: Db = this.#db): Promise<Row[]> {
    return (await this.#execute(query, db)).rows as Row[];
  }

  async #execute(query: RawBuilder<unknown>, db: Db = this.#db): Promise<QueryResult<unknown>> {
    try {
      return await query.execute(db);
    } catch (error) {
      throw this.#convert(error);
    }
  }

  async findAll(where: Where, db?: Db): Promise<Row[]> {
    const rows = await this.rows(sql`SELECT ${sql.raw(this.selectList('t', 'c'))} FROM ${sql.raw(this.quotedTable)} t WHERE ${this.condition(where, 't')}`, db);
    return rows.map((row) => this.fromRow(row, 'c'));
  }

  async findOne(where: Where, db?: Db): Promise<Row | null> {
    return (await this.findAll(where, db))[0] ?? null;
  }

  /** Inserts `values` over the entity's own defaults (a fresh instance's initialisers); returns the row. */
  async insert(values: Row, defaults: Row): Promise<Row> {
    const names: string[] = [];
    const bound: unknown[] = [];
    const result: Row = {};
    const unknownKeys: Column[] = [];
    for (const column of this.#columns) {
      const value = values[column.attribute] !== undefined ? values[column.attribute] : defaults[column.attribute];
      if (value !== undefined) {
        names.push(this.#quote(column.field));
        bound.push(column.write(value));
      } else if (column.key) {
        unknownKeys.push(column);
      }
      if (column.returned) result[column.attribute] = value === undefined ? null : column.read(column.write(value));
    }
    const statement = sql`INSERT INTO ${sql.raw(this.quotedTable)} (${sql.raw(names.join(', '))}) VALUES (${sql.join(bound)})`;
    if (unknownKeys.length === 0) {
      await this.rows(statement);
      return result;
    }
    // A key the database generates (a custom entity's autoincrement id) comes back from the
    // INSERT itself: RETURNING where the platform has it, the driver's insert id elsewhere.
    if (this.#returning) {
      const [row] = await this.rows(
        sql`${statement} RETURNING ${sql.raw(unknownKeys.map((column, i) => `${this.#quote(column.field)} AS ${this.#quote(`k${i}`)}`).join(', '))}`,
      );
      unknownKeys.forEach((column, i) => {
        if (column.returned) result[column.attribute] = column.read(row?.[`k${i}`]);
      });
      return result;
    }
    const inserted = await this.#execute(statement);
    const [key] = unknownKeys;
    if (unknownKeys.length === 1 && key?.returned && inserted.insertId !== undefined) result[key.attribute] = key.read(Number(inserted.insertId));
    return result;
  }

  /** Sets `values` on the row matching `where`; returns the updated row, or null when none matched. */
  async update(where: Where, values: Row): Promise<Row | null> {
    const assignments = Object.entries(values)
      .filter(([attribute, value]) => value !== undefined && this.#byAttribute.has(attribute))
      .map(([attribute, value]) => sql`${sql.raw(this.column(attribute))} = ${this.#byAttribute.get(attribute)!.write(value)}`);
    if (assignments.length === 0) return this.findOne(where);
    const statement = sql`UPDATE ${sql.raw(this.quotedTable)} SET ${sql.join(assignments)} WHERE ${this.condition(where)}`;
    if (this.#returning) {
      const [row] = await this.rows(sql`${statement} RETURNING ${sql.raw(this.selectList('', 'c'))}`);
      return row ? this.fromRow(row, 'c') : null;
    }
    return this.#db.transaction().execute(async (trx) => {
      await this.rows(statement, trx);
      return this.findOne(where, trx);
    });
  }

  /** Deletes the row matching `where`; returns it, or null when none matched (only one caller gets it). */
  async remove(where: Where): Promise<Row | null> {
    const statement = sql`DELETE FROM ${sql.raw(this.quotedTable)} WHERE ${this.condition(where)}`;
    if (this.#returning) {
      const [row] = await this.rows(sql`${statement} RETURNING ${sql.raw(this.selectList('', 'c'))}`);
      return row ? this.fromRow(row, 'c') : null;
    }
    return this.#db.transaction().execute(async (trx) => {
      const found = await this.findOne(where, trx);
      if (!found) return null;
      const result = await statement.execute(trx);
      return Number(result.numAffectedRows ?? 0) > 0 ? found : null;
    });
  }
}
