import { QueryTypes, type Model, type ModelStatic, type Sequelize, type Transaction } from 'sequelize';
import { describeModel, type Column } from './columns.ts';

export type Row = Record<string, unknown>;
/** Equality conditions by attribute name, joined with AND. */
export type Where = Readonly<Record<string, string | number>>;

interface QueryGenerator {
  quoteIdentifier(name: string): string;
  quoteTable(table: unknown): string;
  insertQuery(table: unknown, values: Row, attributes: unknown, options: object): { query: string; bind?: unknown[] };
  updateQuery(table: unknown, values: Row, where: Row, options: object, attributes: unknown): { query: string; bind?: unknown[] };
}

/**
 * How statements reach the database: always `sequelize.query()` with SQL from Sequelize's own
 * query generator or built from quoted identifiers and `$n` bind parameters (which Sequelize
 * translates for every dialect), so the adapter runs wherever Sequelize does.
 */
export class Database {
  readonly sequelize: Sequelize;
  readonly generator: QueryGenerator;
  /** `UPDATE/DELETE … RETURNING`: PostgreSQL always; SQLite since 3.35 (found out on first use). */
  returning: boolean;

  constructor(sequelize: Sequelize) {
    this.sequelize = sequelize;
    this.generator = sequelize.getQueryInterface().queryGenerator as QueryGenerator;
    const dialect = sequelize.getDialect();
    this.returning = dialect === 'postgres' || dialect === 'sqlite';
  }

  quote(identifier: string): string {
    return this.generator.quoteIdentifier(identifier);
  }

  /**
   * Rows of a SELECT (or a statement with RETURNING). `raw` skips model instances; the empty
   * `tableNames` stops Sequelize's SQLite dialect from asking `PRAGMA table_info` before every
   * SELECT, which only feeds the parsers that raw results skip anyway.
   */
  select(sql: string, bind: unknown[], transaction?: Transaction): Promise<Row[]> {
    return this.sequelize.query(sql, { type: QueryTypes.SELECT, raw: true, bind, transaction, tableNames: [] } as object) as Promise<Row[]>;
  }

  /** Runs a write; resolves to the number of rows it changed. */
  async write(sql: string, bind: unknown[], type: 'BULKUPDATE' | 'BULKDELETE' | 'INSERT', transaction?: Transaction): Promise<number> {
    const result: unknown = await this.sequelize.query(sql, { type: QueryTypes[type], raw: true, bind, transaction: transaction ?? null });
    if (typeof result === 'number') return result;
    // INSERT resolves to [result, affected rows] (affected rows is null on some dialects).
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 1;
  }

  /** Runs several statements as one, in a transaction (for dialects without RETURNING). */
  atomic<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return this.sequelize.transaction((transaction) => work(transaction));
  }
}

const RETURNING_UNSUPPORTED = /syntax error|near "RETURNING"|RETURNING/i;
/** Every text form PostgreSQL accepts for a uuid: braces and hyphens optional, any case. */
const UUID_TEXT = /^\{?[0-9a-f]{4}(?:-?[0-9a-f]{4}){7}\}?$/i;

/**
 * One adapter table, over a default or custom model. Plain models (no hooks, validators,
 * getters, setters or database-side defaults) go through single hand-checked statements;
 * others through the model's own methods, so that everything a custom model defines still runs.
 */
export class Table {
  readonly model: ModelStatic<Model>;
  readonly quotedTable: string;
  readonly #db: Database;
  readonly #columns: readonly Column[];
  readonly #plain: boolean;
  readonly #updatedAt: string | undefined;
  readonly #createdAt: string | undefined;
  readonly #byAttribute: ReadonlyMap<string, Column>;
  readonly #strictUuids: boolean;
  readonly #sql = new Map<string, string>();

  constructor(db: Database, model: ModelStatic<Model>) {
    this.#db = db;
    this.model = model;
    const { columns, plain, createdAt, updatedAt } = describeModel(model);
    this.#createdAt = createdAt;
    this.#updatedAt = updatedAt;
    this.#columns = columns;
    this.#plain = plain;
    this.#byAttribute = new Map(columns.map((column) => [column.attribute, column]));
    this.quotedTable = db.generator.quoteTable(model.getTableName());
    this.#strictUuids = db.sequelize.getDialect() === 'postgres';
  }

  get plain(): boolean {
    return this.#plain;
  }

  /** The quoted column of `attribute`, prefixed with a table alias when one is given. */
  column(attribute: string, alias: string): string {
    const column = this.#byAttribute.get(attribute);
    if (!column) throw new Error(`Model "${this.model.name}" has no attribute "${attribute}", which the adapter needs`);
    return `${alias ? `${alias}.` : ''}${this.#db.quote(column.field)}`;
  }

  /**
   * `alias.field AS prefixN` for every column (short aliases suit every dialect's
   * identifier limit); no alias for RETURNING clauses, which take bare column names.
   */
  selectList(alias: string, prefix: string): string {
    const qualifier = alias ? `${alias}.` : '';
    return this.#columns.map((column, i) => `${qualifier}${this.#db.quote(column.field)} AS ${this.#db.quote(`${prefix}${i}`)}`).join(', ');
  }

  /** The result object from a row selected with `selectList(…, prefix)`. */
  fromRow(row: Row, prefix: string): Row {
    const result: Row = {};
    this.#columns.forEach((column, i) => {
      result[column.attribute] = column.read(row[`${prefix}${i}`]);
    });
    return result;
  }

  /** `alias.a = $n AND …` for the attributes of `where`, numbering from `first`. */
  condition(where: Where, alias: string, first = 1): string {
    return Object.keys(where)
      .map((attribute, i) => `${this.column(attribute, alias)} = $${first + i}`)
      .join(' AND ');
  }

  /** The bind values of `where`, refusing a missing one with a message that names it. */
  #values(where: Where): Array<string | number> {
    return Object.entries(where).map(([attribute, value]) => {
      if (value === undefined || value === null) throw new TypeError(`Cannot look up ${this.model.name} by ${attribute}: no ${attribute} given`);
      return value;
    });
  }

  /**
   * Whether `where` compares a uuid column with text that is no uuid. PostgreSQL rejects the
   * query ("invalid input syntax for type uuid"), where the answer is plain: no row can match,
   * so a lookup such as listAuthenticatorsByUserId("invalid-user-id") finds nothing, as elsewhere.
   */
  #matchesNothing(where: Where): boolean {
    return this.#strictUuids && Object.entries(where).some(([attribute, value]) => this.#byAttribute.get(attribute)?.uuid && !UUID_TEXT.test(String(value)));
  }

  #cached(key: string, build: () => string): string {
    let sql = this.#sql.get(key);
    if (sql === undefined) {
      sql = build();
      this.#sql.set(key, sql);
    }
    return sql;
  }

  async findAll(where: Where, transaction?: Transaction): Promise<Row[]> {
    if (this.#matchesNothing(where)) return [];
    if (!this.#plain) {
      const found = await this.model.findAll({ where: { ...where }, transaction: transaction ?? null });
      return found.map((instance) => this.#fromInstance(instance));
    }
    const sql = this.#cached(
      `select:${Object.keys(where).join()}`,
      () => `SELECT ${this.selectList('t', 'c')} FROM ${this.quotedTable} t WHERE ${this.condition(where, 't')}`,
    );
    const rows = await this.#db.select(sql, this.#values(where), transaction);
    return rows.map((row) => this.fromRow(row, 'c'));
  }

  async findOne(where: Where, transaction?: Transaction): Promise<Row | null> {
    return (await this.findAll(where, transaction))[0] ?? null;
  }

  /** Inserts a row built from `values` (unknown keys ignored, defaults applied) and returns it. */
  async insert(values: Row): Promise<Row> {
    // A key the database generates (a custom model's autoIncrement id) is known only after the
    // INSERT: Sequelize's own create() reads it back in the same statement (RETURNING, lastID or
    // insertId, as the dialect allows).
    const keyUnknown = this.#columns.some((column) => column.generated && values[column.attribute] === undefined);
    if (!this.#plain || keyUnknown) return this.#fromInstance(await this.model.create(this.#known(values)));
    const record: Row = {};
    const result: Row = {};
    const now = new Date();
    for (const column of this.#columns) {
      let value = column.attribute === this.#createdAt || column.attribute === this.#updatedAt ? now : values[column.attribute];
      if (value === undefined) value = column.defaultValue?.();
      if (value !== undefined) record[column.field] = value;
      result[column.attribute] = column.read(value);
    }
    const { query, bind = [] } = this.#db.generator.insertQuery(this.model.getTableName(), record, this.model.rawAttributes, {});
    await this.#db.write(query, bind, 'INSERT');
    return result;
  }

  /** Sets `values` on the row matching `where`; returns the updated row, or null when none matched. */
  async update(where: Where, values: Row): Promise<Row | null> {
    this.#values(where);
    if (this.#matchesNothing(where)) return null;
    const changes = this.#known(values);
    if (Object.keys(changes).length === 0) return this.findOne(where);
    if (this.#updatedAt) changes[this.#updatedAt] = new Date();
    if (!this.#plain) {
      return this.#db.sequelize.transaction(async (transaction) => {
        await this.model.update(changes, { where: { ...where }, transaction });
        return this.findOne(where, transaction);
      });
    }
    const record: Row = {};
    for (const [attribute, value] of Object.entries(changes)) record[this.#byAttribute.get(attribute)!.field] = value;
    const fieldWhere: Row = {};
    for (const [attribute, value] of Object.entries(where)) fieldWhere[this.#byAttribute.get(attribute)!.field] = value;
    const { query, bind = [] } = this.#db.generator.updateQuery(this.model.getTableName(), record, fieldWhere, {}, this.model.rawAttributes);
    return this.#returningOr(
      async () => (await this.#db.select(`${query} RETURNING ${this.selectList('', 'c')}`, bind)).map((row) => this.fromRow(row, 'c'))[0] ?? null,
      () =>
        this.#db.atomic(async (transaction) => {
          const changed = await this.#db.write(query, bind, 'BULKUPDATE', transaction);
          return changed > 0 ? this.findOne(where, transaction) : null;
        }),
    );
  }

  /** Deletes the rows matching `where`; returns the first of them, or null when none matched. */
  async remove(where: Where): Promise<Row | null> {
    this.#values(where);
    if (this.#matchesNothing(where)) return null;
    if (!this.#plain) {
      return this.#db.sequelize.transaction(async (transaction) => {
        const found = await this.findOne(where, transaction);
        if (found) await this.model.destroy({ where: { ...where }, transaction });
        return found;
      });
    }
    const sql = this.#cached(`delete:${Object.keys(where).join()}`, () => `DELETE FROM ${this.quotedTable} WHERE ${this.condition(where, '')}`);
    const bind = this.#values(where);
    return this.#returningOr(
      async () => (await this.#db.select(`${sql} RETURNING ${this.selectList('', 'c')}`, bind)).map((row) => this.fromRow(row, 'c'))[0] ?? null,
      () =>
        this.#db.atomic(async (transaction) => {
          const found = await this.findOne(where, transaction);
          // Only the caller whose DELETE removed the row gets it: that is what makes a
          // verification token single-use even without a transaction.
          return found && (await this.#db.write(sql, bind, 'BULKDELETE', transaction)) > 0 ? found : null;
        }),
    );
  }

  async #returningOr<T>(withReturning: () => Promise<T>, without: () => Promise<T>): Promise<T> {
    if (!this.#db.returning) return without();
    try {
      return await withReturning();
    } catch (error) {
      // SQLite before 3.35 has no RETURNING: remember, and take the other way from now on.
      if (this.#db.sequelize.getDialect() !== 'sqlite' || !RETURNING_UNSUPPORTED.test(String((error as Error).message))) throw error;
      this.#db.returning = false;
      return without();
    }
  }

  /** Only the model's own attributes: Auth.js may pass more than a table stores. */
  #known(values: Row): Row {
    const known: Row = {};
    for (const [attribute, value] of Object.entries(values)) {
      if (value !== undefined && this.#byAttribute.has(attribute)) known[attribute] = value;
    }
    return known;
  }

  #fromInstance(instance: Model): Row {
    const plain = instance.get({ plain: true }) as Row;
    // As a read gives it: an attribute create() was not given is null in the row, not missing.
    for (const column of this.#columns) plain[column.attribute] ??= null;
    return plain;
  }
}
