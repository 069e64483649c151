// The sqlite3 imitation Sequelize runs on: the node-sqlite3 behaviour Sequelize depends on.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createSqlite3Shim,
  loadSqlJs,
  SqliteError,
  watchStatements,
  type Database,
  type SqlJsStatic,
  type StatementEvent,
} from '../../../src/engine/sql-js/index.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

type Connection = InstanceType<ReturnType<typeof createSqlite3Shim>['Database']>;
interface Outcome {
  error: Error | null;
  result: unknown;
  context: { lastID: number; changes: number; constructor: { name: string } };
}

function call(connection: Connection, method: 'run' | 'all' | 'get', sql: string, ...params: unknown[]): Promise<Outcome> {
  return new Promise((resolve) => {
    connection[method](sql, ...params, function (this: Outcome['context'], error: Error | null, result: unknown) {
      resolve({ error, result, context: this });
    });
  });
}

describe('sqlite3 shim over a given Database', () => {
  let database: Database;
  let connection: Connection;
  let events: StatementEvent[];

  beforeEach(() => {
    database = new SQL.Database();
    events = [];
    watchStatements(database, (event) => events.push(event));
    connection = new (createSqlite3Shim(SQL, { database }).Database)(':memory:');
    database.run(
      'PRAGMA foreign_keys = ON; CREATE TABLE parent (id INTEGER PRIMARY KEY, email TEXT UNIQUE); CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id))',
    );
  });

  it('opens asynchronously, as Sequelize expects of node-sqlite3', async () => {
    const order: string[] = [];
    const opened = new Promise<void>((resolve) => {
      new (createSqlite3Shim(SQL, { database }).Database)(':memory:', 6, () => {
        order.push('callback');
        resolve();
      });
      order.push('constructed');
    });
    await opened;
    expect(order).toEqual(['constructed', 'callback']);
  });

  it('writes into the given Database and reports lastID and changes on a Statement', async () => {
    const insert = await call(connection, 'run', 'INSERT INTO parent (email) VALUES (?)', ['a@example.com']);
    expect(insert.error).toBeNull();
    expect(insert.context.constructor.name).toBe('Statement');
    expect(insert.context.changes).toBe(1);
    expect(insert.context.lastID).toBe(1);
    expect(database.exec('SELECT email FROM parent')[0]?.values).toEqual([['a@example.com']]);
    const update = await call(connection, 'run', 'UPDATE parent SET email = email', []);
    expect(update.context.changes).toBe(1);
  });

  it('returns rows from all() and the first row from get()', async () => {
    database.run("INSERT INTO parent (email) VALUES ('a'), ('b')");
    expect((await call(connection, 'all', 'SELECT email FROM parent ORDER BY id')).result).toEqual([{ email: 'a' }, { email: 'b' }]);
    expect((await call(connection, 'get', 'SELECT email FROM parent ORDER BY id DESC')).result).toEqual({ email: 'b' });
    expect((await call(connection, 'get', 'SELECT email FROM parent WHERE 0')).result).toBeUndefined();
  });

  it('never closes a Database it was given', async () => {
    await new Promise<void>((resolve) => connection.close(() => resolve()));
    expect(connection.open).toBe(false);
    expect(database.exec('SELECT count(*) FROM parent')[0]?.values).toEqual([[0]]);
    expect(() => connection.run('SELECT 1')).toThrow(/closed/);
  });

  it('gives SQLite errors the codes Sequelize switches on', async () => {
    database.run("INSERT INTO parent (id, email) VALUES (1, 'a')");
    const unique = await call(connection, 'run', "INSERT INTO parent (email) VALUES ('a')");
    expect(unique.error).toBeInstanceOf(SqliteError);
    expect(unique.error).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE', errno: 19, message: 'UNIQUE constraint failed: parent.email' });
    const syntax = await call(connection, 'all', 'SELEKT 1');
    expect(syntax.error).toMatchObject({ code: 'SQLITE_ERROR', errno: 1, sql: 'SELEKT 1' });
    expect(() => connection.run('SELEKT 1')).toThrow(SqliteError);
  });

  it('names the table and column of a foreign-key violation for inserts, updates and deletes', async () => {
    database.run("INSERT INTO parent (id, email) VALUES (1, 'a'); INSERT INTO child (id, parent_id) VALUES (1, 1)");
    const message = 'FOREIGN KEY constraint failed: child.parent_id references parent.id';
    expect((await call(connection, 'run', 'INSERT INTO child (parent_id) VALUES (?)', [7])).error).toMatchObject({
      code: 'SQLITE_CONSTRAINT_FOREIGNKEY',
      message,
    });
    expect((await call(connection, 'run', 'UPDATE child SET parent_id = 9')).error?.message).toBe(message);
    expect((await call(connection, 'run', 'DELETE FROM parent')).error?.message).toBe(message);
    // The probe that found the key left nothing behind.
    expect(database.exec('SELECT parent_id FROM child')[0]?.values).toEqual([[1]]);
    expect(database.exec('PRAGMA defer_foreign_keys')[0]?.values).toEqual([[0]]);
  });

  it('reports every statement with parameters, rows and duration', async () => {
    await call(connection, 'run', 'INSERT INTO parent (email) VALUES ($email)', { $email: 'x' });
    await call(connection, 'all', 'SELECT * FROM parent');
    await call(connection, 'run', 'INSERT INTO parent (email) VALUES (?)', ['x']);
    expect(events.map(({ bridge, sql, params, rowsReturned, rowsAffected, error }) => ({ bridge, sql, params, rowsReturned, rowsAffected, error }))).toEqual([
      {
        bridge: 'sqlite3-shim',
        sql: 'INSERT INTO parent (email) VALUES ($email)',
        params: { $email: 'x' },
        rowsReturned: 0,
        rowsAffected: 1,
        error: undefined,
      },
      { bridge: 'sqlite3-shim', sql: 'SELECT * FROM parent', params: [], rowsReturned: 1, rowsAffected: 0, error: undefined },
      {
        bridge: 'sqlite3-shim',
        sql: 'INSERT INTO parent (email) VALUES (?)',
        params: ['x'],
        rowsReturned: 0,
        rowsAffected: 0,
        error: 'UNIQUE constraint failed: parent.email',
      },
    ]);
    expect(events.every((event) => event.durationMs >= 0)).toBe(true);
  });

  it('runs several statements with exec() and streams rows with each()', async () => {
    await new Promise<void>((resolve, reject) =>
      connection.exec("INSERT INTO parent (email) VALUES ('a'); INSERT INTO parent (email) VALUES ('b');", (error) => (error ? reject(error) : resolve())),
    );
    expect(events.map((event) => event.sql)).toEqual(["INSERT INTO parent (email) VALUES ('a');", "INSERT INTO parent (email) VALUES ('b');"]);
    const rows: unknown[] = [];
    const count = await new Promise((resolve) =>
      connection.each(
        'SELECT email FROM parent',
        (_error: Error | null, row: unknown) => rows.push(row),
        (_error: Error | null, n: number) => resolve(n),
      ),
    );
    expect(rows).toEqual([{ email: 'a' }, { email: 'b' }]);
    expect(count).toBe(2);
  });
});

describe('sqlite3 shim without a Database', () => {
  it('gives each filename its own database, shared by its connections, gone with the last one', async () => {
    const shim = createSqlite3Shim(SQL);
    const first = new shim.Database('app.db');
    const second = new shim.Database('app.db');
    const other = new shim.Database('other.db');
    await call(first, 'run', 'CREATE TABLE t (x)');
    expect((await call(second, 'all', 'SELECT name FROM sqlite_schema')).result).toEqual([{ name: 't' }]);
    expect((await call(other, 'all', 'SELECT name FROM sqlite_schema')).result).toEqual([]);
    first.close();
    second.close();
    expect((await call(new shim.Database('app.db'), 'all', 'SELECT name FROM sqlite_schema')).result).toEqual([]);
  });
});

describe('prepared statement reuse', () => {
  it('survives sql.js freeing every statement on export() and stays correct across schema changes', async () => {
    const database = new SQL.Database();
    const connection = new (createSqlite3Shim(SQL, { database }).Database)(':memory:');
    await call(connection, 'run', 'CREATE TABLE t (x)');
    for (const x of [1, 2]) await call(connection, 'run', 'INSERT INTO t (x) VALUES (?)', [x]);
    expect((await call(connection, 'all', 'SELECT * FROM t')).result).toEqual([{ x: 1 }, { x: 2 }]);
    const file = database.export(); // frees every prepared statement of this Database
    expect(file.byteLength).toBeGreaterThan(0);
    await call(connection, 'run', 'INSERT INTO t (x) VALUES (?)', [3]);
    await call(connection, 'run', 'ALTER TABLE t ADD COLUMN y DEFAULT 0');
    expect((await call(connection, 'all', 'SELECT * FROM t')).result).toEqual([
      { x: 1, y: 0 },
      { x: 2, y: 0 },
      { x: 3, y: 0 },
    ]);
  });
});
