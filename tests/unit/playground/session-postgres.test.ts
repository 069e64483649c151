// The playground runtime on PostgreSQL (PGlite) in Node: each ORM's real PostgreSQL driver over
// the real `pg` module, the panels' data read from PostgreSQL's catalog, row changes from the
// engine's row log, database files as PGlite's data-directory dumps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleEntry, Outcome } from '../../../src/playground/protocol.ts';
import type { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { compile, createSession, exampleFiles, files } from './support.ts';

type Orm = 'sequelize' | 'mikro-orm';

const sessions = new Map<Orm, PlaygroundSession>();
beforeAll(async () => {
  for (const orm of ['sequelize', 'mikro-orm'] as const) sessions.set(orm, await createSession(orm, 'postgres'));
}, 60_000);
afterAll(() => {
  for (const session of sessions.values()) session.dispose();
});

const session = (orm: Orm): PlaygroundSession => sessions.get(orm)!;
const run = async (orm: Orm, sources: Record<string, string>, keep = false): Promise<Outcome> =>
  session(orm).run(await compile(orm, files(sources)), 'run.ts', { keep });
const notices = (outcome: Outcome): string[] => outcome.console.flatMap((entry) => (entry.kind === 'notice' ? [entry.text] : []));
const errors = (outcome: Outcome): string[] => [
  ...(outcome.error ? [`${outcome.error.name}: ${outcome.error.message}`] : []),
  ...outcome.console.flatMap((entry: ConsoleEntry) => (entry.kind === 'error' ? [`${entry.error.name}: ${entry.error.message}`] : [])),
];
const live = (outcome: Outcome, name: string) => outcome.tables.find((view) => view.name === name)?.rows.filter((row) => row.status !== 'deleted') ?? [];

describe.each([
  ['sequelize', ['users', 'accounts', 'sessions', 'verification_tokens']],
  ['mikro-orm', ['user', 'account', 'session', 'verification_token']],
] as const)('%s on PostgreSQL', (orm, tables) => {
  it('runs the default example: the adapter tables filled, PostgreSQL named, the statements logged with their parameters', async () => {
    const outcome = await session(orm).run(await compile(orm, exampleFiles(`${orm}-sign-in`)), 'run.ts');
    expect(errors(outcome)).toEqual([]);
    expect(outcome.ok).toBe(true);
    expect(session(orm).versions.database).toMatch(/^PostgreSQL \d+\.\d+ \(PGlite \d+\.\d+\.\d+\)$/);
    for (const name of tables) expect(outcome.tables.map((view) => view.name)).toContain(name);
    expect(live(outcome, tables[0]).length).toBeGreaterThan(0);
    expect(live(outcome, tables[1]).length).toBeGreaterThan(0);
    expect(live(outcome, tables[2]).length).toBeGreaterThan(0);
    // Inserted rows are marked as such (the row log, not a guess from before/after).
    expect(outcome.tables.find((view) => view.name === tables[0])?.rows.every((row) => row.status === 'inserted')).toBe(true);
    const insert = outcome.statements.find((statement) => /^insert into/i.test(statement.sql));
    expect(insert?.sql).toMatch(/\$1/);
    expect(Array.isArray(insert?.params) && insert.params.length > 0).toBe(true);
    expect(outcome.database).toBeNull();
    // The schema panel: foreign keys to the users table, with PostgreSQL's types.
    const accounts = outcome.schema?.tables.find((each) => each.name === tables[1]);
    expect(accounts?.foreignKeys.map((key) => key.table)).toContain(tables[0]);
    expect(accounts?.columns.map((column) => column.type).join(' ')).toMatch(/character varying|text|uuid|timestamp/);
  });

  it('starts each run on an empty database unless it keeps it', async () => {
    const code =
      orm === 'sequelize'
        ? 'import { Sequelize, DataTypes } from "sequelize"\nconst s = new Sequelize(process.env.DATABASE_URL!, { logging: false })\nconst T = s.define("thing", { name: DataTypes.STRING })\nawait s.sync()\nawait T.create({ name: "one" })\nconsole.log(await T.count())\n'
        : 'import { MikroORM } from "@mikro-orm/postgresql"\nconst orm = await MikroORM.init({ entities: [], dbName: "app", discovery: { warnWhenNoEntities: false } })\nawait orm.em.getConnection().execute("create table if not exists thing (id serial primary key, name text)")\nawait orm.em.getConnection().execute("insert into thing (name) values (\'one\')")\nconsole.log((await orm.em.getConnection().execute("select count(*)::int as n from thing"))[0].n)\nawait orm.close()\n';
    const first = await run(orm, { 'run.ts': code });
    expect(errors(first)).toEqual([]);
    expect(live(first, orm === 'sequelize' ? 'things' : 'thing')).toHaveLength(1);
    const fresh = await run(orm, { 'run.ts': code });
    expect(live(fresh, orm === 'sequelize' ? 'things' : 'thing')).toHaveLength(1);
    const kept = await run(orm, { 'run.ts': code }, true);
    expect(live(kept, orm === 'sequelize' ? 'things' : 'thing')).toHaveLength(2);
  });
});

describe('notices name the database only when it differs from the one chosen', () => {
  it('Sequelize configured for PostgreSQL runs without one; configured for SQLite, it is told', async () => {
    const pg = await run('sequelize', {
      'run.ts':
        'import { Sequelize } from "sequelize"\nconst s = new Sequelize("postgres://app:secret@db.example.com:5432/app", { logging: false })\nawait s.authenticate()\n',
    });
    expect(errors(pg)).toEqual([]);
    expect(notices(pg)).toEqual([]);
    const sqlite = await run('sequelize', {
      'run.ts': 'import { Sequelize } from "sequelize"\nconst s = new Sequelize("sqlite::memory:", { logging: false })\nawait s.authenticate()\n',
    });
    expect(notices(sqlite)).toEqual([
      'Sequelize was configured for SQLite in memory: the playground runs it on PostgreSQL (PGlite) in your browser instead, as chosen above.',
    ]);
  });

  it('MikroORM with PostgreSqlDriver runs without one; with SqliteDriver, it is told', async () => {
    const pg = await run('mikro-orm', {
      'run.ts':
        'import { MikroORM, PostgreSqlDriver } from "@mikro-orm/postgresql"\nconst orm = await MikroORM.init({ driver: PostgreSqlDriver, entities: [], dbName: "app", discovery: { warnWhenNoEntities: false } })\nawait orm.close()\n',
    });
    expect(errors(pg)).toEqual([]);
    expect(notices(pg)).toEqual([]);
    const sqlite = await run('mikro-orm', {
      'run.ts':
        'import { MikroORM } from "@mikro-orm/core"\nimport { SqliteDriver } from "@mikro-orm/sqlite"\nconst orm = await MikroORM.init({ driver: SqliteDriver, entities: [], dbName: ":memory:", discovery: { warnWhenNoEntities: false } })\nawait orm.close()\n',
    });
    expect(errors(sqlite)).toEqual([]);
    expect(notices(sqlite)).toEqual([
      'MikroORM was configured for SqliteDriver: the playground runs it on PostgreSQL (PGlite) in your browser instead, as chosen above.',
      '@mikro-orm/sqlite: The playground serves @mikro-orm/postgresql for @mikro-orm/sqlite: every driver it exports runs on PostgreSQL (PGlite) in your browser.',
    ]);
  });
});

describe('PostgreSQL behaves as a server does', () => {
  it("refuses a value longer than its VARCHAR, with PostgreSQL's message (SQLite would store it)", async () => {
    const outcome = await run('sequelize', {
      'run.ts':
        'import { Sequelize, DataTypes } from "sequelize"\nconst s = new Sequelize(process.env.DATABASE_URL!, { logging: false })\nconst Account = s.define("account", { accessToken: DataTypes.STRING }, { underscored: true })\nawait s.sync()\nawait Account.create({ accessToken: "x".repeat(300) })\n',
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatchObject({ name: 'SequelizeDatabaseError', message: 'value too long for type character varying(255)' });
    expect(outcome.statements.at(-1)).toMatchObject({ error: 'value too long for type character varying(255)' });
  });
});

describe('what PGlite cannot do is refused, not hung', () => {
  it('COPY to a program gets an error at once, and the next query still answers', async () => {
    const outcome = await run('sequelize', {
      'run.ts':
        'import { Sequelize } from "sequelize"\nconst s = new Sequelize(process.env.DATABASE_URL!, { logging: false })\ntry { await s.query("COPY (SELECT 1) TO PROGRAM \'cat\'") } catch (error) { console.log("refused:", (error as Error).message) }\nconsole.log("after:", (await s.query("SELECT 2 AS two"))[0])\n',
    });
    expect(errors(outcome)).toEqual([]);
    const logged = outcome.console.flatMap((entry) => (entry.kind === 'log' ? [entry.values.map((value) => value.preview).join(' ')] : []));
    expect(logged[0]).toContain('COPY to or from a program is not available');
    expect(logged[1]).toContain('two');
  });
});

describe('database files: PGlite data-directory dumps', () => {
  it('exports and loads back the same rows; refuses an SQLite file and garbage with a reason and keeps the database', async () => {
    const example = await session('sequelize').run(await compile('sequelize', exampleFiles('sequelize-sign-in')), 'run.ts');
    const dump = await session('sequelize').exportDatabase();
    expect([...dump.slice(0, 2)]).toEqual([0x1f, 0x8b]);
    const rows = (outcome: Outcome) => outcome.tables.map((view) => [view.name, view.rows.filter((row) => row.status !== 'deleted').length]);

    const sqlite = new TextEncoder().encode('SQLite format 3\0'.padEnd(200, '\0'));
    expect(await session('sequelize').loadDatabase(sqlite, 'app.sqlite')).toEqual({
      refused: 'app.sqlite: This is an SQLite database file: choose SQLite as the database to open it (PostgreSQL opens the .tar.gz files it exports).',
    });
    const garbage = await session('sequelize').loadDatabase(new TextEncoder().encode('id,name\n1,Ada\n'), 'users.csv');
    expect(garbage).toMatchObject({ refused: expect.stringContaining('users.csv: This is not a PostgreSQL database file') });
    const damaged = dump.slice(0, dump.length / 2);
    expect(await session('sequelize').loadDatabase(damaged, 'cut.tar.gz')).toMatchObject({ refused: expect.stringContaining('cut.tar.gz:') });

    // Loaded into the other session (a fresh database first): the same tables and rows.
    await run('mikro-orm', { 'run.ts': 'console.log("empty")\n' });
    const loaded = await session('mikro-orm').loadDatabase(dump, 'adapter-lab-sequelize.tar.gz');
    if ('refused' in loaded) throw new Error(loaded.refused);
    expect(rows(loaded)).toEqual(rows(example));
  }, 60_000);
});
