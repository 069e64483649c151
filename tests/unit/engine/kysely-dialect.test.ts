// The kysely dialect MikroORM runs on, exercised through kysely itself.
import { Kysely, sql, type Generated } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSqlJsDialect, loadSqlJs, SqliteError, watchStatements, type SqlJsStatic, type StatementEvent } from '../../../src/engine/sql-js/index.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

interface Schema {
  note: { id: Generated<number>; body: string; created: number };
}

describe('kysely dialect over sql.js', () => {
  it('runs queries into the given Database and never closes it', async () => {
    const database = new SQL.Database();
    const events: StatementEvent[] = [];
    watchStatements(database, (event) => events.push(event));
    const db = new Kysely<Schema>({ dialect: createSqlJsDialect(database) });
    await sql`CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE, created INTEGER)`.execute(db);
    const inserted = await db.insertInto('note').values({ body: 'hello', created: 1 }).executeTakeFirstOrThrow();
    expect(inserted.insertId).toBe(1n);
    expect(inserted.numInsertedOrUpdatedRows).toBe(1n);
    const returned = await db.insertInto('note').values({ body: 'world', created: 2 }).returning(['id', 'body']).executeTakeFirstOrThrow();
    expect(returned).toEqual({ id: 2, body: 'world' });
    const updated = await db.updateTable('note').set({ created: 3 }).where('id', '=', 1).executeTakeFirstOrThrow();
    expect(updated.numUpdatedRows).toBe(1n);
    expect(await db.selectFrom('note').select(['id', 'body']).orderBy('id').execute()).toEqual([
      { id: 1, body: 'hello' },
      { id: 2, body: 'world' },
    ]);
    await db.destroy();
    expect(database.exec('SELECT count(*) FROM note')[0]?.values).toEqual([[2]]);
    expect(events.map((event) => [event.bridge, event.rowsReturned, event.rowsAffected])).toEqual([
      ['kysely-dialect', 0, 0],
      ['kysely-dialect', 0, 1],
      ['kysely-dialect', 1, 1],
      ['kysely-dialect', 0, 1],
      ['kysely-dialect', 2, 0],
    ]);
  });

  it('rejects with a SqliteError carrying the code, and serialises transactions', async () => {
    const database = new SQL.Database();
    const db = new Kysely<Schema>({ dialect: createSqlJsDialect(database) });
    await sql`CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE, created INTEGER)`.execute(db);
    await db.insertInto('note').values({ body: 'same', created: 0 }).execute();
    await expect(db.insertInto('note').values({ body: 'same', created: 0 }).execute()).rejects.toMatchObject({
      name: 'SqliteError',
      code: 'SQLITE_CONSTRAINT_UNIQUE',
      message: 'UNIQUE constraint failed: note.body',
    });
    await expect(sql`SELEKT`.execute(db)).rejects.toBeInstanceOf(SqliteError);
    // Two transactions started together must not interleave on SQLite's single connection.
    await Promise.all(
      [1, 2].map((n) =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('note')
            .values({ body: `t${n}`, created: n })
            .execute();
          await new Promise((resolve) => setTimeout(resolve, 5));
          await trx
            .updateTable('note')
            .set({ created: n * 10 })
            .where('body', '=', `t${n}`)
            .execute();
        }),
      ),
    );
    expect(database.exec("SELECT body, created FROM note WHERE body LIKE 't%' ORDER BY body")[0]?.values).toEqual([
      ['t1', 10],
      ['t2', 20],
    ]);
  });
});
