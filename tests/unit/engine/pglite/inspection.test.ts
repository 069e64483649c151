// The PGlite engine's reads for the panels: state, schema, whole values, emptiness and reset,
// against a real PGlite.
import type { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_ROW_LIMIT, VIEW_COLUMN_LIMIT, WHOLE_VALUE_LIMIT } from '../../../../src/engine/database-state.ts';
import { isEmpty, readDatabaseState, readSchema } from '../../../../src/engine/pglite/inspection.ts';
import { readWholeValue } from '../../../../src/engine/pglite/read-value.ts';
import { emptyDatabase } from '../../../../src/engine/pglite/reset.ts';
import { ADAPTER_TABLES, useFreshDatabase } from './support.ts';

let db: PGlite;
useFreshDatabase((created) => {
  db = created;
});

const ADA = '00000000-0000-4000-8000-000000000001';

async function fillAdapterTables(): Promise<void> {
  await db.exec(ADAPTER_TABLES);
  await db.exec(`
    INSERT INTO users (id, name, email, "emailVerified", active) VALUES ('${ADA}', 'Ada', 'ada@example.com', '2026-01-02 03:04:05+00', false);
    INSERT INTO accounts ("userId", type, provider, "providerAccountId", id_token, expires_at) VALUES ('${ADA}', 'oauth', 'github', '1', 'eyJ', 1767322800);
    INSERT INTO sessions ("sessionToken", "userId", expires) VALUES ('s1', '${ADA}', '2026-02-01 00:00:00+00');
    INSERT INTO verification_tokens VALUES ('ada@example.com', 'tok', '2026-01-02 03:04:05+00');`);
}

function rowsOf(state: Awaited<ReturnType<typeof readDatabaseState>>, table: string): Array<[string, unknown[]]> {
  return [...(state.get(table)?.rows ?? [])].map(([key, values]) => [key, [...values]]);
}

describe('isEmpty and emptyDatabase', () => {
  it('says empty for a fresh database and not once anything is made, in any user schema', async () => {
    expect(await isEmpty(db)).toBe(true);
    await db.exec("CREATE TYPE mood AS ENUM ('ok')");
    expect(await isEmpty(db)).toBe(false);
    await emptyDatabase(db);
    expect(await isEmpty(db)).toBe(true);
    await db.exec('CREATE SCHEMA other');
    expect(await isEmpty(db)).toBe(false);
    await emptyDatabase(db);
    await db.exec('CREATE FUNCTION public.one() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$');
    expect(await isEmpty(db)).toBe(false);
  });

  it('drops every user object, makes public as a fresh cluster has it, and keeps the row log working', async () => {
    await fillAdapterTables();
    await db.exec(`CREATE SCHEMA app; CREATE TABLE app.things (id int PRIMARY KEY); CREATE VIEW v AS SELECT 1 AS one;
      CREATE SEQUENCE s; CREATE TYPE mood AS ENUM ('ok'); CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
      CREATE TEMP TABLE scratch (n int);`);
    const started = performance.now();
    await emptyDatabase(db);
    const took = performance.now() - started;
    expect(await isEmpty(db)).toBe(true);
    expect(await readDatabaseState(db)).toEqual(new Map());
    const schemas = await db.query<{ nspname: string; owner: string; acl: string; comment: string | null }>(
      `SELECT nspname, nspowner::regrole::text AS owner, nspacl::text AS acl, obj_description(oid, 'pg_namespace') AS comment
       FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname`,
    );
    expect(schemas.rows).toEqual([
      { nspname: 'adapter_lab', owner: 'postgres', acl: null, comment: null },
      {
        nspname: 'public',
        owner: 'pg_database_owner',
        acl: '{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}',
        comment: 'standard public schema',
      },
    ]);
    expect((await db.query("SELECT 1 FROM pg_class WHERE relname = 'scratch'")).rows).toEqual([]);
    // The event trigger is still there: a new table gets the row trigger.
    await db.exec('CREATE TABLE after_reset (id int PRIMARY KEY)');
    expect((await db.query("SELECT tgname FROM pg_trigger WHERE tgrelid = 'after_reset'::regclass")).rows).toEqual([{ tgname: 'adapter_lab_rows' }]);
    expect(took).toBeLessThan(1000); // ~10 ms; generous for a busy machine
  });
});

describe('readDatabaseState', () => {
  it('reads the adapter tables in creation order, keyed by primary key, values as the panels show them', async () => {
    await fillAdapterTables();
    const state = await readDatabaseState(db);
    expect([...state.keys()]).toEqual(['users', 'accounts', 'sessions', 'verification_tokens']);
    expect(state.get('users')?.columns).toEqual(['id', 'name', 'email', 'emailVerified', 'image', 'active']);
    expect(rowsOf(state, 'users')).toEqual([[ADA, [ADA, 'Ada', 'ada@example.com', '2026-01-02 03:04:05+00', null, 'false']]]);
    expect(rowsOf(state, 'accounts')).toEqual([['1', [1, ADA, 'oauth', 'github', '1', 'eyJ', 1767322800]]]);
    expect(rowsOf(state, 'sessions')).toEqual([['1', [1, 's1', ADA, '2026-02-01 00:00:00+00']]]);
    expect(rowsOf(state, 'verification_tokens')).toEqual([['["ada@example.com","tok"]', ['ada@example.com', 'tok', '2026-01-02 03:04:05+00']]]);
    expect(state.get('users')?.rowCount).toBe(1);
  });

  it('keys rows of a table without a primary key by ctid, and names tables of other schemas schema.table', async () => {
    await db.exec(`CREATE TABLE log (line text); INSERT INTO log VALUES ('a'), ('a'), (NULL);
      CREATE SCHEMA app; CREATE TABLE app.items (id bigint PRIMARY KEY, n numeric); INSERT INTO app.items VALUES (9007199254740993, 1.50), (2, 2);`);
    const state = await readDatabaseState(db);
    expect([...state.keys()]).toEqual(['log', 'app.items']);
    expect(rowsOf(state, 'log')).toEqual([
      ['(0,1)', ['a']],
      ['(0,2)', ['a']],
      ['(0,3)', [null]],
    ]);
    expect(rowsOf(state, 'app.items')).toEqual([
      ['2', [2, 2]],
      ['9007199254740993', ['9007199254740993', '1.50']],
    ]);
  });

  it('reads bytea as bytes and odd identifiers as they are', async () => {
    await db.exec(`CREATE TABLE "Mixed Case" ("Key ""q""" int PRIMARY KEY, "select" bytea, "a,b" text);
      INSERT INTO "Mixed Case" VALUES (1, '\\x00ff', 'x'), (2, '\\x', NULL);
      CREATE SCHEMA "Odd ""Schema"""; CREATE TABLE "Odd ""Schema""".t (adapter_lab_row int PRIMARY KEY, t text); INSERT INTO "Odd ""Schema""".t VALUES (5, 'five');`);
    const state = await readDatabaseState(db);
    expect([...state.keys()]).toEqual(['Mixed Case', 'Odd "Schema".t']);
    expect(state.get('Mixed Case')?.columns).toEqual(['Key "q"', 'select', 'a,b']);
    expect(rowsOf(state, 'Mixed Case')).toEqual([
      ['1', [1, new Uint8Array([0, 255]), 'x']],
      ['2', [2, new Uint8Array([]), null]],
    ]);
    // Columns named like the alias rows are read under, or like the table, read as columns.
    expect(rowsOf(state, 'Odd "Schema".t')).toEqual([['5', [5, 'five']]]);
  });

  it('reads the first columns and rows of a wide, long table', async () => {
    const columns = Array.from({ length: 150 }, (_, i) => `c${i + 1}`);
    await db.exec(`CREATE TABLE wide (${columns.map((column) => `${column} int`).join(', ')}, PRIMARY KEY (c150));
      INSERT INTO wide SELECT ${columns.map((_, i) => (i === 149 ? 'n' : `n * 1000 + ${i + 1}`)).join(', ')} FROM generate_series(1, ${SNAPSHOT_ROW_LIMIT + 100}) AS n;`);
    const wide = (await readDatabaseState(db)).get('wide');
    expect(wide?.columns).toEqual(columns);
    expect(wide?.rowCount).toBe(SNAPSHOT_ROW_LIMIT + 100);
    expect(wide?.rows.size).toBe(SNAPSHOT_ROW_LIMIT);
    const first = wide?.rows.get('1');
    expect(first?.length).toBe(VIEW_COLUMN_LIMIT);
    expect(first?.slice(0, 3)).toEqual([1001, 1002, 1003]);
    expect(first?.[VIEW_COLUMN_LIMIT - 1]).toBe(1100);
    expect([...(wide?.rows.keys() ?? [])].slice(-1)).toEqual([String(SNAPSHOT_ROW_LIMIT)]);
  });
});

describe('readSchema', () => {
  it('describes the adapter tables: columns, primary key positions, indexes, foreign keys, and their DDL', async () => {
    await fillAdapterTables();
    const schema = await readSchema(db);
    expect(schema.tables.map((table) => table.name)).toEqual(['users', 'accounts', 'sessions', 'verification_tokens']);
    const [users, accounts, sessions, tokens] = schema.tables;
    expect(users?.columns).toEqual([
      { name: 'id', type: 'uuid', notNull: true, primaryKey: 1, defaultValue: 'gen_random_uuid()' },
      { name: 'name', type: 'text', notNull: false, primaryKey: 0, defaultValue: null },
      { name: 'email', type: 'character varying(255)', notNull: false, primaryKey: 0, defaultValue: null },
      { name: 'emailVerified', type: 'timestamp with time zone', notNull: false, primaryKey: 0, defaultValue: null },
      { name: 'image', type: 'text', notNull: false, primaryKey: 0, defaultValue: null },
      { name: 'active', type: 'boolean', notNull: true, primaryKey: 0, defaultValue: 'true' },
    ]);
    expect(users?.indexes).toEqual([
      { name: 'users_pkey', unique: true, columns: ['id'], origin: 'pk', sql: 'CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)' },
      {
        name: 'users_email_key',
        unique: true,
        columns: ['email'],
        origin: 'u',
        sql: 'CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)',
      },
    ]);
    expect(users?.foreignKeys).toEqual([]);
    expect(users?.withoutRowid).toBe(false);
    expect(users?.sql).toBe(`CREATE TABLE users (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text,
  email character varying(255),
  "emailVerified" timestamp with time zone,
  image text,
  active boolean NOT NULL DEFAULT true,
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT users_email_key UNIQUE (email)
);`);
    expect(accounts?.indexes.map(({ name, columns, origin, unique }) => ({ name, columns, origin, unique }))).toEqual([
      { name: 'accounts_pkey', columns: ['id'], origin: 'pk', unique: true },
      { name: 'accounts_provider_unique', columns: ['provider', 'providerAccountId'], origin: 'u', unique: true },
      { name: 'accounts_user_id', columns: ['userId'], origin: 'c', unique: false },
    ]);
    expect(accounts?.foreignKeys).toEqual([{ columns: ['userId'], table: 'users', references: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' }]);
    expect(accounts?.columns[0]).toEqual({ name: 'id', type: 'integer', notNull: true, primaryKey: 1, defaultValue: "nextval('accounts_id_seq'::regclass)" });
    expect(accounts?.sql).toContain('  CONSTRAINT "accounts_userId_fkey" FOREIGN KEY ("userId") REFERENCES users(id) ON DELETE CASCADE\n);');
    expect(sessions?.foreignKeys).toEqual([{ columns: ['userId'], table: 'users', references: ['id'], onDelete: 'CASCADE', onUpdate: 'RESTRICT' }]);
    expect(tokens?.columns.map((column) => [column.name, column.primaryKey])).toEqual([
      ['identifier', 1],
      ['token', 2],
      ['expires', 0],
    ]);
    expect(tokens?.indexes).toEqual([
      {
        name: 'verification_tokens_pkey',
        unique: true,
        columns: ['identifier', 'token'],
        origin: 'pk',
        sql: 'CREATE UNIQUE INDEX verification_tokens_pkey ON public.verification_tokens USING btree (identifier, token)',
      },
    ]);
    // The engine's row trigger is no part of any table's description.
    expect(JSON.stringify(schema)).not.toContain('adapter_lab');
  });

  it('describes other schemas, composite and odd foreign keys, expression indexes, identity and generated columns', async () => {
    await db.exec(`CREATE SCHEMA app;
      CREATE TABLE app."Parent Table" (a int, "b""q" text, PRIMARY KEY ("b""q", a));
      CREATE TABLE child (
        id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        pa int, pb text,
        doubled int GENERATED ALWAYS AS (pa * 2) STORED,
        CONSTRAINT to_parent FOREIGN KEY (pb, pa) REFERENCES app."Parent Table" ("b""q", a) ON DELETE SET NULL ON UPDATE SET DEFAULT,
        CHECK (pa > 0)
      );
      CREATE UNIQUE INDEX child_lower ON child (lower(pb), pa) INCLUDE (id);`);
    const schema = await readSchema(db);
    expect(schema.tables.map((table) => table.name)).toEqual(['app.Parent Table', 'child']);
    const [parent, child] = schema.tables;
    expect(parent?.sql).toBe(`CREATE TABLE app."Parent Table" (
  a integer NOT NULL,
  "b""q" text NOT NULL,
  CONSTRAINT "Parent Table_pkey" PRIMARY KEY ("b""q", a)
);`);
    expect(parent?.columns.map((column) => [column.name, column.primaryKey])).toEqual([
      ['a', 2],
      ['b"q', 1],
    ]);
    expect(child?.foreignKeys).toEqual([
      { columns: ['pb', 'pa'], table: 'app.Parent Table', references: ['b"q', 'a'], onDelete: 'SET NULL', onUpdate: 'SET DEFAULT' },
    ]);
    expect(child?.columns).toEqual([
      { name: 'id', type: 'integer', notNull: true, primaryKey: 1, defaultValue: null },
      { name: 'pa', type: 'integer', notNull: false, primaryKey: 0, defaultValue: null },
      { name: 'pb', type: 'text', notNull: false, primaryKey: 0, defaultValue: null },
      { name: 'doubled', type: 'integer', notNull: false, primaryKey: 0, defaultValue: null },
    ]);
    expect(child?.indexes[1]).toEqual({
      name: 'child_lower',
      unique: true,
      columns: ['lower(pb)', 'pa'],
      origin: 'c',
      sql: 'CREATE UNIQUE INDEX child_lower ON public.child USING btree (lower(pb), pa) INCLUDE (id)',
    });
    expect(child?.sql).toBe(`CREATE TABLE child (
  id integer GENERATED ALWAYS AS IDENTITY NOT NULL,
  pa integer,
  pb text,
  doubled integer GENERATED ALWAYS AS ((pa * 2)) STORED,
  CONSTRAINT child_pkey PRIMARY KEY (id),
  CONSTRAINT to_parent FOREIGN KEY (pb, pa) REFERENCES app."Parent Table"("b""q", a) ON UPDATE SET DEFAULT ON DELETE SET NULL,
  CONSTRAINT child_pa_check CHECK (pa > 0)
);`);
  });

  it('shows a partitioned table once, with its partition key, and a table without columns', async () => {
    await db.exec(`CREATE TABLE events (id int, region text, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
      CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu'); INSERT INTO events VALUES (1, 'eu');
      CREATE TABLE nothing ();`);
    const schema = await readSchema(db);
    expect(schema.tables.map((table) => table.sql)).toEqual([
      'CREATE TABLE events (\n  id integer NOT NULL,\n  region text NOT NULL,\n  CONSTRAINT events_pkey PRIMARY KEY (id, region)\n) PARTITION BY LIST (region);',
      'CREATE TABLE nothing ();',
    ]);
    const state = await readDatabaseState(db);
    expect(rowsOf(state, 'events')).toEqual([['[1,"eu"]', [1, 'eu']]]);
    expect(state.get('nothing')).toEqual({ name: 'nothing', columns: [], rows: new Map(), rowCount: 0 });
  });
});

describe('readWholeValue', () => {
  it('reads values by the row keys the state gives, with numbers, booleans and bytea as the panels have them', async () => {
    await fillAdapterTables();
    await db.exec(`CREATE TABLE blobs (id int PRIMARY KEY, data bytea, big int8, n numeric);
      INSERT INTO blobs VALUES (1, '\\x00ab10', 9007199254740993, 2.50);
      CREATE TABLE keyed_by_bytes (k bytea PRIMARY KEY, v text); INSERT INTO keyed_by_bytes VALUES ('\\x0102', 'by bytes');
      CREATE TABLE nokey (v text); INSERT INTO nokey VALUES ('only');
      CREATE SCHEMA app; CREATE TABLE app.flags (on_off bool PRIMARY KEY, note text); INSERT INTO app.flags VALUES (true, 'yes');`);
    expect(await readWholeValue(db, 'users', ADA, 'name')).toEqual({ value: 'Ada' });
    expect(await readWholeValue(db, 'users', ADA, 'image')).toEqual({ value: null });
    expect(await readWholeValue(db, 'users', ADA, 'active')).toEqual({ value: 'false' });
    expect(await readWholeValue(db, 'accounts', '1', 'expires_at')).toEqual({ value: 1767322800 });
    expect(await readWholeValue(db, 'verification_tokens', '["ada@example.com","tok"]', 'expires')).toEqual({ value: '2026-01-02 03:04:05+00' });
    expect(await readWholeValue(db, 'blobs', '1', 'data')).toEqual({ value: { hex: '00AB10' } });
    expect(await readWholeValue(db, 'blobs', '1', 'big')).toEqual({ value: '9007199254740993' });
    expect(await readWholeValue(db, 'blobs', '1', 'n')).toEqual({ value: '2.50' });
    expect(await readWholeValue(db, 'keyed_by_bytes', '1,2', 'v')).toEqual({ value: 'by bytes' });
    expect(await readWholeValue(db, 'nokey', '(0,1)', 'v')).toEqual({ value: 'only' });
    expect(await readWholeValue(db, 'app.flags', 'true', 'note')).toEqual({ value: 'yes' });
    // The state's keys are the ones readWholeValue takes.
    const state = await readDatabaseState(db);
    for (const [table, column] of [
      ['keyed_by_bytes', 'v'],
      ['nokey', 'v'],
      ['app.flags', 'note'],
      ['verification_tokens', 'token'],
    ] as const) {
      const key = [...(state.get(table)?.rows.keys() ?? [])][0] ?? '';
      expect(await readWholeValue(db, table, key, column)).not.toHaveProperty('refused');
    }
  });

  it('refuses, with the reason, when the table, column or row is gone, or the value is too big', async () => {
    await db.exec(`CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes VALUES (1, repeat('x', ${WHOLE_VALUE_LIMIT + 1}));
      CREATE TABLE pairs (a int, b int, PRIMARY KEY (a, b));`);
    expect(await readWholeValue(db, 'gone', '1', 'body')).toEqual({ refused: 'The table gone is not in the database any more.' });
    expect(await readWholeValue(db, 'notes', '1', 'title')).toEqual({ refused: 'The table notes has no column title any more.' });
    expect(await readWholeValue(db, 'notes', '2', 'body')).toEqual({ refused: 'That row of notes is not in the database any more.' });
    expect(await readWholeValue(db, 'pairs', 'not json', 'a')).toEqual({ refused: 'That row of pairs is not in the database any more.' });
    expect(await readWholeValue(db, 'pairs', '[1]', 'a')).toEqual({ refused: 'That row of pairs is not in the database any more.' });
    expect(await readWholeValue(db, 'notes', '1', 'body')).toEqual({
      refused: 'The value is 50 MB of text; the playground reads values of up to 50 MB. Export the database (Share menu) to get it.',
    });
  });
});
