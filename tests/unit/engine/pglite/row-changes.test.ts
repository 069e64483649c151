// The PGlite engine's row observer: the trigger-written row log, taken and applied as the sql.js
// observer applies SQLite's update hook, against a real PGlite.
import type { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { READ_CELL_LIMIT, VIEW_COLUMN_LIMIT } from '../../../../src/engine/database-state.ts';
import type { RowEvent } from '../../../../src/engine/engine.ts';
import { readDatabaseState } from '../../../../src/engine/pglite/inspection.ts';
import { PgRowChanges } from '../../../../src/engine/pglite/row-changes.ts';
import { ADAPTER_TABLES, useFreshDatabase } from './support.ts';

let db: PGlite;
useFreshDatabase((created) => {
  db = created;
});

const ADA = '00000000-0000-4000-8000-000000000001';
const BOB = '00000000-0000-4000-8000-000000000002';

/** An observer with its events, reset as a run starts. */
function observe(): { changes: PgRowChanges; events: RowEvent[] } {
  const events: RowEvent[] = [];
  const changes = new PgRowChanges(
    () => db,
    (event) => events.push(event),
  );
  changes.reset();
  return { changes, events };
}

async function logSize(): Promise<number> {
  return Number((await db.query<{ n: number }>('SELECT count(*)::int4 AS n FROM adapter_lab.row_log')).rows[0]?.n);
}

describe('PgRowChanges', () => {
  it('sees inserts, updates (same values too) and deletes of the adapter tables, in order', async () => {
    await db.exec(ADAPTER_TABLES);
    await db.exec(`INSERT INTO users (id, name, email) VALUES ('${ADA}', 'Ada', 'ada@example.com');
      INSERT INTO verification_tokens VALUES ('ada@example.com', 'old', '2026-01-01 00:00:00+00');`);
    const { changes, events } = observe();
    await db.exec(`INSERT INTO users (id, name, email, "emailVerified") VALUES ('${BOB}', 'Bob', 'bob@example.com', '2026-01-02 03:04:05+00');
      UPDATE users SET name = 'Ada' WHERE id = '${ADA}';
      UPDATE users SET active = false WHERE id = '${BOB}';
      INSERT INTO accounts ("userId", type, provider, "providerAccountId") VALUES ('${BOB}', 'oauth', 'github', '7');
      DELETE FROM verification_tokens WHERE token = 'old';`);
    await changes.catchUp();
    expect(events).toEqual([
      { op: 'insert', table: 'users', rowid: BOB },
      { op: 'update', table: 'users', rowid: ADA },
      { op: 'update', table: 'users', rowid: BOB },
      { op: 'insert', table: 'accounts', rowid: '1' },
      { op: 'delete', table: 'verification_tokens', rowid: '["ada@example.com","old"]' },
    ]);
    expect(changes.seen('users', BOB)).toEqual([BOB, 'Bob', 'bob@example.com', '2026-01-02 03:04:05+00', null, 'false']);
    expect(changes.seen('users', ADA)).toEqual([ADA, 'Ada', 'ada@example.com', null, null, 'true']);
    expect(changes.seen('accounts', '1')).toEqual([1, BOB, 'oauth', 'github', '7', null, null]);
    expect(changes.updated('users', ADA)).toBe(true);
    expect(changes.updated('users', BOB)).toBe(true);
    expect(changes.updated('accounts', '1')).toBe(false);
    expect(changes.deletedExisting('verification_tokens', '["ada@example.com","old"]')).toBe(true);
    expect(changes.transient('users')).toEqual([]);
    // The keys are the state's.
    const state = await readDatabaseState(db);
    expect([...(state.get('users')?.rows.keys() ?? [])]).toEqual([ADA, BOB]);
    expect(state.get('users')?.rows.get(BOB)).toEqual(changes.seen('users', BOB));
    expect(await logSize()).toBe(0);
    changes.dispose();
  });

  it('shows a row inserted and deleted again as transient, with its last values', async () => {
    await db.exec(ADAPTER_TABLES);
    const { changes, events } = observe();
    await db.exec(`INSERT INTO verification_tokens VALUES ('a@example.com', 't1', '2026-01-01 00:00:00+00');
      UPDATE verification_tokens SET expires = '2026-02-01 00:00:00+00';
      DELETE FROM verification_tokens;`);
    await changes.catchUp();
    const key = '["a@example.com","t1"]';
    expect(events.map((event) => event.op)).toEqual(['insert', 'update', 'delete']);
    expect(changes.transient('verification_tokens')).toEqual([{ rowid: key, values: ['a@example.com', 't1', '2026-02-01 00:00:00+00'] }]);
    expect(changes.seen('verification_tokens', key)).toBeUndefined();
    expect(changes.deletedExisting('verification_tokens', key)).toBe(false);
    // reset() forgets it all.
    changes.reset();
    expect(changes.transient('verification_tokens')).toEqual([]);
    expect(changes.updated('verification_tokens', key)).toBe(false);
    changes.dispose();
  });

  it('never sees rows of a rolled-back transaction or savepoint', async () => {
    await db.exec('CREATE TABLE notes (id int PRIMARY KEY, body text)');
    const { changes, events } = observe();
    await db.exec("BEGIN; INSERT INTO notes VALUES (1, 'gone'); ROLLBACK;");
    await db.exec("BEGIN; INSERT INTO notes VALUES (2, 'kept'); SAVEPOINT s; INSERT INTO notes VALUES (3, 'undone'); ROLLBACK TO SAVEPOINT s; COMMIT;");
    await expect(db.exec("INSERT INTO notes VALUES (4, 'ok'), (2, 'duplicate')")).rejects.toThrow(/duplicate key/);
    await changes.catchUp();
    expect(events).toEqual([{ op: 'insert', table: 'notes', rowid: '2' }]);
    expect(changes.seen('notes', '1')).toBeUndefined();
    expect(changes.seen('notes', '4')).toBeUndefined();
    expect(changes.seen('notes', '2')).toEqual([2, 'kept']);
    changes.dispose();
  });

  it('leaves the rows of a transaction under way in the log until it ends', async () => {
    await db.exec('CREATE TABLE notes (id int PRIMARY KEY)');
    const { changes, events } = observe();
    await db.exec('BEGIN; INSERT INTO notes VALUES (1);');
    await changes.catchUp();
    expect(events).toEqual([]);
    await db.exec('ROLLBACK; BEGIN; INSERT INTO notes VALUES (2);');
    await changes.catchUp();
    expect(events).toEqual([]);
    await db.exec('COMMIT');
    await changes.catchUp();
    expect(events).toEqual([{ op: 'insert', table: 'notes', rowid: '2' }]);
    // A transaction that has written nothing yet does not hold the log back.
    await db.exec('INSERT INTO notes VALUES (3)');
    await db.exec('BEGIN; SELECT 1;');
    await changes.catchUp();
    await db.exec('COMMIT');
    expect(events.map((event) => event.rowid)).toEqual(['2', '3']);
    changes.dispose();
  });

  it('sees rows written with foreign key checks off (session_replication_role = replica, as MikroORM sets it)', async () => {
    await db.exec(ADAPTER_TABLES);
    const { changes, events } = observe();
    await db.exec(`SET session_replication_role = replica;
      INSERT INTO accounts ("userId", type, provider, "providerAccountId") VALUES ('${ADA}', 'oauth', 'github', '1');
      SET session_replication_role = DEFAULT;`);
    await changes.catchUp();
    expect(events).toEqual([{ op: 'insert', table: 'accounts', rowid: '1' }]);
    changes.dispose();
  });

  it('sees rows a cascade deletes', async () => {
    await db.exec(ADAPTER_TABLES);
    await db.exec(`INSERT INTO users (id, name) VALUES ('${ADA}', 'Ada');
      INSERT INTO accounts ("userId", type, provider, "providerAccountId") VALUES ('${ADA}', 'oauth', 'github', '1'), ('${ADA}', 'oauth', 'google', '2');
      INSERT INTO sessions ("sessionToken", "userId", expires) VALUES ('s1', '${ADA}', '2026-02-01 00:00:00+00');`);
    const { changes, events } = observe();
    await db.exec(`INSERT INTO sessions ("sessionToken", "userId", expires) VALUES ('s2', '${ADA}', '2026-03-01 00:00:00+00');
      DELETE FROM users WHERE id = '${ADA}';`);
    await changes.catchUp();
    expect(events).toEqual([
      { op: 'insert', table: 'sessions', rowid: '2' },
      { op: 'delete', table: 'users', rowid: ADA },
      { op: 'delete', table: 'accounts', rowid: '1' },
      { op: 'delete', table: 'accounts', rowid: '2' },
      { op: 'delete', table: 'sessions', rowid: '1' },
      { op: 'delete', table: 'sessions', rowid: '2' },
    ]);
    expect(changes.deletedExisting('users', ADA)).toBe(true);
    expect(changes.deletedExisting('accounts', '2')).toBe(true);
    expect(changes.deletedExisting('sessions', '2')).toBe(false);
    expect(changes.transient('sessions')).toEqual([{ rowid: '2', values: [2, 's2', ADA, '2026-03-01 00:00:00+00'] }]);
    changes.dispose();
  });

  it('follows a row whose primary key an update changes', async () => {
    await db.exec("CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes VALUES (1, 'one')");
    const { changes, events } = observe();
    await db.exec(
      "UPDATE notes SET id = 10 WHERE id = 1; INSERT INTO notes VALUES (1, 'new one'); INSERT INTO notes VALUES (5, 'five'); UPDATE notes SET id = 6 WHERE id = 5; DELETE FROM notes WHERE id = 6;",
    );
    await changes.catchUp();
    expect(events.map((event) => `${event.op} ${event.rowid}`)).toEqual(['update 10', 'insert 1', 'insert 5', 'update 6', 'delete 6']);
    expect(changes.deletedExisting('notes', '1')).toBe(true);
    expect(changes.updated('notes', '10')).toBe(true);
    expect(changes.transient('notes')).toEqual([{ rowid: '6', values: [6, 'five'] }]);
    changes.dispose();
  });

  it('tells rows of a table without a primary key apart by their values', async () => {
    await db.exec("CREATE TABLE log (line text, n int); INSERT INTO log VALUES ('old', 0)");
    const { changes, events } = observe();
    await db.exec(`INSERT INTO log VALUES ('a', 1), ('a', 1), ('b', 2);
      UPDATE log SET n = 3 WHERE line = 'b';
      DELETE FROM log WHERE line = 'b';
      UPDATE log SET n = 9 WHERE line = 'old';
      DELETE FROM log WHERE line = 'old';`);
    await changes.catchUp();
    expect(events.map((event) => event.op)).toEqual(['insert', 'insert', 'insert', 'update', 'delete', 'update', 'delete']);
    const [, , b, updateOfB, deleteOfB] = events;
    expect(b?.rowid).toMatch(/^#\d+$/);
    expect(updateOfB?.rowid).toBe(b?.rowid);
    expect(deleteOfB?.rowid).toBe(b?.rowid);
    expect(new Set(events.slice(0, 3).map((event) => event.rowid)).size).toBe(3);
    // The row that was there before is not taken for one inserted since, updated or not.
    expect(changes.transient('log')).toEqual([{ rowid: b?.rowid, values: ['b', 3] }]);
    changes.dispose();
  });

  it('names tables of other schemas schema.table, and quotes odd names; bytea values as bytes', async () => {
    await db.exec(`CREATE SCHEMA app; CREATE TABLE app.items (id bigint PRIMARY KEY, data bytea);
      CREATE TABLE "Mixed ""Case""" ("Id, odd" int PRIMARY KEY, "v(x)" text);`);
    const { changes, events } = observe();
    await db.exec(`INSERT INTO app.items VALUES (1, '\\x01ff'); INSERT INTO "Mixed ""Case""" VALUES (7, 'a "quoted", (odd) value\\');`);
    await changes.catchUp();
    expect(events).toEqual([
      { op: 'insert', table: 'app.items', rowid: '1' },
      { op: 'insert', table: 'Mixed "Case"', rowid: '7' },
    ]);
    expect(changes.seen('app.items', '1')).toEqual([1, new Uint8Array([1, 255])]);
    expect(changes.seen('Mixed "Case"', '7')).toEqual([7, 'a "quoted", (odd) value\\']);
    changes.dispose();
  });

  it('keeps the first columns of wide rows, and stops reading values past READ_CELL_LIMIT', async () => {
    const columns = Array.from({ length: 120 }, (_, i) => `c${i + 1}`);
    await db.exec(`CREATE TABLE wide (${columns.map((column) => `${column} int`).join(', ')}, PRIMARY KEY (c1))`);
    const { changes, events } = observe();
    const rows = Math.ceil(READ_CELL_LIMIT / VIEW_COLUMN_LIMIT) + 10;
    await db.exec(`INSERT INTO wide SELECT ${columns.map((_, i) => (i === 0 ? 'n' : `n + ${i}`)).join(', ')} FROM generate_series(1, ${rows}) AS n;
      DELETE FROM wide WHERE c1 = ${rows};`);
    await changes.catchUp();
    expect(events.length).toBe(rows + 1);
    const first = changes.seen('wide', '1');
    expect(first?.length).toBe(VIEW_COLUMN_LIMIT);
    expect(first?.slice(0, 3)).toEqual([1, 2, 3]);
    expect(changes.seen('wide', String(READ_CELL_LIMIT / VIEW_COLUMN_LIMIT))).toBeDefined();
    expect(changes.seen('wide', String(rows - 1))).toBeUndefined();
    // Inserted and deleted past the limit: not read, so not shown (as on sql.js).
    expect(changes.transient('wide')).toEqual([]);
    changes.dispose();
  });

  it('discards what happens while paused, keeps what came before, and stops at dispose()', async () => {
    await db.exec('CREATE TABLE notes (id int PRIMARY KEY)');
    const { changes, events } = observe();
    await db.exec('INSERT INTO notes VALUES (1)');
    const result = await changes.paused(async () => {
      await db.exec('INSERT INTO notes VALUES (2)');
      return 'done';
    });
    expect(result).toBe('done');
    await db.exec('INSERT INTO notes VALUES (3)');
    await changes.catchUp();
    expect(events.map((event) => event.rowid)).toEqual(['1', '3']);
    // reset() empties the log too: rows written before it are not seen after.
    await db.exec('INSERT INTO notes VALUES (4)');
    changes.reset();
    await changes.catchUp();
    expect(events.map((event) => event.rowid)).toEqual(['1', '3']);
    changes.dispose();
    await db.exec('INSERT INTO notes VALUES (5)');
    await changes.catchUp();
    expect(events.map((event) => event.rowid)).toEqual(['1', '3']);
  });

  it('sees tables made after it started, and ones the row log was installed over', async () => {
    const { changes, events } = observe();
    await db.exec(
      'CREATE TABLE made_now AS SELECT 1 AS id; INSERT INTO made_now VALUES (2); SELECT 3 AS id INTO made_by_select; INSERT INTO made_by_select VALUES (4);',
    );
    await changes.catchUp();
    expect(events.map((event) => `${event.table} ${event.op}`)).toEqual(['made_now insert', 'made_by_select insert']);
    // A table whose trigger is gone (e.g. loaded from a dump made elsewhere) gets it back at install.
    await db.exec('DROP TRIGGER adapter_lab_rows ON made_now');
    const { installRowLog } = await import('../../../../src/engine/pglite/hidden-schema.ts');
    await installRowLog(db);
    await installRowLog(db);
    await db.exec('INSERT INTO made_now VALUES (5)');
    await changes.catchUp();
    expect(events.slice(2).map((event) => `${event.table} ${event.op}`)).toEqual(['made_now insert']);
    expect((await db.query("SELECT count(*)::int4 AS n FROM pg_trigger WHERE tgname = 'adapter_lab_rows'")).rows).toEqual([{ n: 2 }]);
    changes.dispose();
  });
});

describe('PgRowChanges across structure changes', () => {
  it('names rows of partitions by their partitioned table, and keeps the name of a table dropped since', async () => {
    await db.exec(`CREATE TABLE events (id int, region text, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
      CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu');
      CREATE TABLE events_us PARTITION OF events FOR VALUES IN ('us');
      CREATE TABLE doomed (id int PRIMARY KEY);`);
    const { changes, events } = observe();
    await db.exec(`INSERT INTO events VALUES (1, 'eu'), (2, 'us'); UPDATE events SET id = 3 WHERE id = 2;
      INSERT INTO doomed VALUES (1); DROP TABLE doomed;`);
    await changes.catchUp();
    expect(events).toEqual([
      { op: 'insert', table: 'events', rowid: '[1,"eu"]' },
      { op: 'insert', table: 'events', rowid: '[2,"us"]' },
      { op: 'update', table: 'events', rowid: '[3,"us"]' },
      { op: 'insert', table: 'doomed', rowid: expect.stringMatching(/^#\d+$/) },
    ]);
    expect(changes.seen('events', '[3,"us"]')).toEqual([3, 'us']);
    const state = await readDatabaseState(db);
    expect([...state.keys()]).toEqual(['events']);
    expect([...(state.get('events')?.rows.keys() ?? [])]).toEqual(['[1,"eu"]', '[3,"us"]']);
    changes.dispose();
  });

  it('reads rows logged before a column was added with the columns of now', async () => {
    await db.exec('CREATE TABLE notes (id int PRIMARY KEY, body text)');
    const { changes } = observe();
    await db.exec(
      "INSERT INTO notes VALUES (1, 'before'); ALTER TABLE notes ADD COLUMN tag text DEFAULT 'x'; INSERT INTO notes VALUES (2, 'after', 'y'); DELETE FROM notes WHERE id = 1;",
    );
    await changes.catchUp();
    expect(changes.seen('notes', '2')).toEqual([2, 'after', 'y']);
    expect(changes.transient('notes')).toEqual([{ rowid: '1', values: [1, 'before', 'x'] }]);
    changes.dispose();
  });
});
