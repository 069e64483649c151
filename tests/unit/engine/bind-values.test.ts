// How JavaScript values bind to SQLite through the engine (both bridges share this code).
import { beforeAll, describe, expect, it } from 'vitest';
import { createSqlite3Shim, loadSqlJs, toSqlValue, type Database, type SqlJsStatic } from '../../../src/engine/sql-js/index.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

describe('toSqlValue', () => {
  it('converts the values the native drivers accept', () => {
    expect(toSqlValue(undefined)).toBeNull();
    expect(toSqlValue(null)).toBeNull();
    expect(toSqlValue(true)).toBe(1);
    expect(toSqlValue(false)).toBe(0);
    expect(toSqlValue(new Date('2024-02-29T12:34:56.789Z'))).toBe(Date.UTC(2024, 1, 29, 12, 34, 56, 789));
    expect(toSqlValue(42n)).toBe(42);
    expect(toSqlValue(2n ** 63n - 1n)).toBe('9223372036854775807');
    expect(toSqlValue(new Uint16Array([1, 256]))).toEqual(new Uint8Array([1, 0, 0, 1]));
    expect(toSqlValue(new Uint8Array([9]).buffer)).toEqual(new Uint8Array([9]));
  });

  it('refuses values SQLite cannot store, saying what is accepted', () => {
    expect(() => toSqlValue({ a: 1 })).toThrow(/Cannot bind an object \(Object\).*string, number, bigint/);
    expect(() => toSqlValue(Symbol('x'))).toThrow(/Cannot bind a symbol/);
  });
});

describe('binding through the sqlite3 shim', () => {
  let database: Database;
  const query = (sql: string, ...params: unknown[]): Promise<Array<Record<string, unknown>>> =>
    new Promise((resolve, reject) => {
      const shim = createSqlite3Shim(SQL, { database });
      const connection = new shim.Database(':memory:');
      connection.all(sql, ...params, (error: Error | null, rows?: Array<Record<string, unknown>>) => (error ? reject(error) : resolve(rows ?? [])));
    });

  beforeAll(() => {
    database = new SQL.Database();
    database.run('CREATE TABLE t (i INTEGER, b BLOB, x)');
  });

  it('keeps bigints beyond 2^53 exact in INTEGER columns', async () => {
    await query('INSERT INTO t (i) VALUES (?)', [2n ** 62n + 1n]);
    expect(await query('SELECT CAST(i AS TEXT) AS i, typeof(i) AS type FROM t')).toEqual([{ i: '4611686018427387905', type: 'integer' }]);
  });

  it('returns BLOBs as Buffers, as node-sqlite3 does', async () => {
    const [row] = await query('SELECT ? AS b', [Buffer.from([1, 2, 3])]);
    expect(Buffer.isBuffer(row?.b)).toBe(true);
    expect(Array.from(row?.b as Buffer)).toEqual([1, 2, 3]);
  });

  it('binds named parameters with or without their sigil, and spread positional ones', async () => {
    expect(await query('SELECT $a AS a, :b AS b', { $a: 1, b: 'two' })).toEqual([{ a: 1, b: 'two' }]);
    expect(await query('SELECT ? AS a, ? AS b', 1, null)).toEqual([{ a: 1, b: null }]);
  });
});
