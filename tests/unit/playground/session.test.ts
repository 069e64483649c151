// The playground runtime (PlaygroundSession) in Node over sql.js, with code compiled as the
// editor compiles it: what the reader sees for errors, imports, notices, adapter calls, Auth.js
// flows, table diffs and database files.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleEntry, Outcome } from '../../../src/playground/protocol.ts';
import type { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { compile, createSession, exampleFiles, files } from './support.ts';

let session: PlaygroundSession | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
});

async function runCode(orm: 'sequelize' | 'mikro-orm', sources: Record<string, string>, entry = 'run.ts'): Promise<Outcome> {
  session ??= await createSession(orm);
  return session.run(await compile(orm, files(sources)), entry);
}

async function runExample(orm: 'sequelize' | 'mikro-orm'): Promise<Outcome> {
  session ??= await createSession(orm);
  return session.run(await compile(orm, exampleFiles(`${orm}-sign-in`)), 'run.ts');
}

const logs = (outcome: Outcome): string[] =>
  outcome.console
    .filter((entry): entry is Extract<ConsoleEntry, { kind: 'log' }> => entry.kind === 'log')
    .map((entry) => `${entry.level} ${entry.values.map((value) => value.preview).join(' ')} @${entry.at?.file}:${entry.at?.line}`);
const notices = (outcome: Outcome): string[] => outcome.console.flatMap((entry) => (entry.kind === 'notice' ? [entry.text] : []));
const table = (outcome: Outcome, name: string) => outcome.tables.find((view) => view.name === name)!;

describe("errors point at the reader's TypeScript", () => {
  it('a thrown error: its message, file and line (through the source map), with the stack', async () => {
    const outcome = await runCode('sequelize', {
      'helpers.ts':
        'interface Options {\n  strict: boolean\n}\n\nexport function check(options: Options): void {\n  if (options.strict) throw new TypeError("strict mode is not supported")\n}\n',
      'run.ts': 'import { check } from "./helpers"\n\nconsole.log("before")\ncheck({ strict: true })\n',
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatchObject({ name: 'TypeError', message: 'strict mode is not supported', phase: 'run', at: { file: 'helpers.ts', line: 6 } });
    expect(outcome.error?.frames.filter((frame) => frame.user).map((frame) => `${frame.file}:${frame.line}`)).toEqual(['helpers.ts:6', 'run.ts:4']);
    expect(logs(outcome)).toEqual(['log "before" @run.ts:3']);
  });

  it('an ORM error carries its cause chain (Sequelize "Validation error" → SQLite\'s message)', async () => {
    const outcome = await runCode('sequelize', {
      'run.ts': [
        'import { Sequelize } from "sequelize"',
        'import SequelizeAdapter from "@adapter-lab/sequelize-adapter"',
        'const adapter = SequelizeAdapter(new Sequelize({ dialect: "sqlite", logging: false }))',
        'const user = { id: "u1", email: "a@example.com", emailVerified: null }',
        'await adapter.createUser!(user)',
        'await adapter.createUser!({ ...user, id: "u2" })',
      ].join('\n'),
    });
    expect(outcome.error).toMatchObject({ name: 'SequelizeUniqueConstraintError', at: { file: 'run.ts', line: 6 } });
    expect(JSON.stringify(outcome.error)).toContain('UNIQUE constraint failed: users.email');
    const failed = outcome.calls.find((call) => call.error);
    expect(failed).toMatchObject({ method: 'createUser', at: { file: 'run.ts', line: 6 } });
  });

  it('an import the playground does not serve names the package, the line, and what is importable', async () => {
    const outcome = await runCode('sequelize', { 'run.ts': '// A package the playground does not have\nimport { z } from "zod"\nconsole.log(z)\n' });
    expect(outcome.error).toMatchObject({
      name: 'LoadError',
      phase: 'load',
      message: 'Cannot import "zod" in run.ts: the playground has no such package.',
      at: { file: 'run.ts', line: 2 },
    });
    expect(outcome.error?.hint).toContain('sequelize, @adapter-lab/sequelize-adapter, @auth/sequelize-adapter');
    expect(outcome.error?.hint).toContain('next-auth, next-auth/providers/github');
  });

  it('a missing export of a served package is named with the package, not a module URL', async () => {
    const outcome = await runCode('sequelize', { 'run.ts': 'import { Sequelize, NoSuchThing } from "sequelize"\nconsole.log(Sequelize, NoSuchThing)\n' });
    expect(outcome.error?.message).toBe("The requested module 'sequelize' does not provide an export named 'NoSuchThing'");
    expect(outcome.error?.at).toMatchObject({ file: 'run.ts', line: 1 });
  });

  it('files that import each other are refused with the cycle named', async () => {
    const outcome = await runCode('sequelize', {
      'run.ts': 'import { a } from "./a"\nconsole.log(a)\n',
      'a.ts': 'import { b } from "./b"\nexport const a = 1 + b\n',
      'b.ts': 'import { a } from "./a.ts"\nexport const b = 2\nconsole.log(a)\n',
    });
    expect(outcome.error?.message).toMatch(/^Circular import: a\.ts → b\.ts → a\.ts\./);
  });

  it('a missing file is named with the files there are', async () => {
    const outcome = await runCode('sequelize', { 'run.ts': 'import { x } from "./models"\nconsole.log(x)\n' });
    expect(outcome.error?.message).toBe('Cannot import "./models" in run.ts: there is no file models.ts (files: run.ts).');
  });
});

describe('the playground module map', () => {
  it('serves @auth/sequelize-adapter as ours and says so; runs a PostgreSQL URL on SQLite and says so once', async () => {
    const outcome = await runCode('sequelize', {
      'run.ts': [
        'import { Sequelize } from "sequelize"',
        'import SequelizeAdapter from "@auth/sequelize-adapter"',
        'const a = new Sequelize("postgres://app:secret@db.example.com:5432/app", { logging: false })',
        'const b = new Sequelize("postgres://app:secret@db.example.com:5432/app", { logging: false })',
        'await SequelizeAdapter(a).createUser!({ id: "u1", email: "a@example.com", emailVerified: null })',
        'console.log(b === a)',
      ].join('\n'),
    });
    expect(outcome.ok).toBe(true);
    expect(notices(outcome)).toEqual([
      'Sequelize was configured for PostgreSQL (postgres://app:•••@db.example.com:5432/app): the playground runs it on SQLite (sql.js) in your browser instead. Choose PostgreSQL as the database to run it on PostgreSQL.',
      expect.stringMatching(/^@auth\/sequelize-adapter: The playground serves @adapter-lab\/sequelize-adapter/),
    ]);
    expect(table(outcome, 'users').rows).toHaveLength(1);
  });

  it('accepts MikroORM 5/6 `type: "sqlite"` with a notice of what MikroORM 7 wants, and decorators from @mikro-orm/core with the hint', async () => {
    const outcome = await runCode('mikro-orm', {
      'run.ts': [
        'import { Entity, MikroORM, PrimaryKey, Property } from "@mikro-orm/core"',
        '@Entity({ tableName: "note" })',
        'class Note {',
        '  @PrimaryKey() id!: number',
        '  @Property() text!: string',
        '}',
        'const orm = await MikroORM.init({ type: "sqlite", dbName: "notes.db", entities: [Note] } as never)',
        'await orm.schema.create()',
        'const em = orm.em.fork()',
        'em.create(Note, { text: "hello" })',
        'await em.flush()',
      ].join('\n'),
    });
    expect(outcome.error).toBeUndefined();
    expect(notices(outcome)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('MikroORM 7 has no `type: "sqlite"` option'),
        expect.stringContaining('a real app imports them from @mikro-orm/decorators/legacy'),
      ]),
    );
    expect(table(outcome, 'note').rows.map((row) => row.values)).toEqual([[1, 'hello']]);
  });

  it("reads process.env like an app, without NODE_ENV=production (the adapters' development defaults)", async () => {
    const outcome = await runCode('sequelize', { 'run.ts': 'console.log(process.env.NODE_ENV === "production", typeof process.env.DATABASE_URL)\n' });
    expect(logs(outcome)).toEqual(['log false "string" @run.ts:1']);
  });
});

describe('adapter calls from the panel and Auth.js flows', () => {
  it('attributes each statement to the adapter method that sent it', async () => {
    const outcome = await runExample('sequelize');
    const insertUser = outcome.statements.find((statement) => /^INSERT INTO `users`/.test(statement.sql));
    expect(insertUser?.origin).toMatchObject({ kind: 'call', method: 'createUser' });
    expect(outcome.calls.find((call) => call.method === 'createUser')?.changes).toEqual([{ table: 'users', inserted: 1, updated: 0, deleted: 0 }]);
  });

  it('a call shows its result and the row it changed, with the old value', async () => {
    const example = await runExample('sequelize');
    const octocat = (await session!.call('getUserByEmail', ['octocat@github.com'])).calls[0]?.result?.entries?.find(([key]) => key === 'id')?.[1].preview;
    expect(octocat).toBeDefined();
    const outcome = await session!.call('updateUser', [
      { id: JSON.parse(octocat!) as string, name: 'Mona Lisa Octocat', emailVerified: '2025-01-02T03:04:05.000Z' },
    ]);
    expect(outcome.ok).toBe(true);
    expect(outcome.source).toEqual({ kind: 'call', method: 'updateUser' });
    expect(outcome.calls).toHaveLength(1);
    expect(outcome.calls[0]).toMatchObject({ method: 'updateUser', source: 'panel', statements: 1 });
    // The ISO string arrived as a Date (the adapter formats it for SQLite).
    expect(outcome.calls[0]?.result?.entries?.find(([key]) => key === 'emailVerified')?.[1]).toMatchObject({
      type: 'date',
      preview: '2025-01-02T03:04:05.000Z',
    });
    const users = table(outcome, 'users');
    expect(users.rows).toHaveLength(table(example, 'users').rows.length);
    const updated = users.rows.filter((row) => row.status === 'updated');
    expect(updated).toHaveLength(1);
    expect(updated[0]?.changed?.map(([column, before]) => [users.columns[column], before])).toEqual([
      ['name', 'The Octocat'],
      ['email_verified', null],
    ]);
    expect(users.rows.filter((row) => row !== updated[0]).map((row) => row.status)).toEqual(['same']);
    expect(table(outcome, 'accounts').rows.map((row) => row.status)).toEqual(['same']);
  });

  it('without an adapter, a call says how to get one', async () => {
    await runCode('sequelize', { 'run.ts': 'console.log("no adapter here")\n' });
    const outcome = await session!.call('getUser', ['x']);
    expect(outcome.error?.message).toMatch(/^No adapter to call: run code that creates one first/);
    expect(outcome.adapter).toBeNull();
  });
});

describe('database files and runs', () => {
  it('export, then import into another session: the same tables and rows; adapters keep working on it', async () => {
    const first = await runExample('sequelize');
    const other = await createSession('sequelize');
    try {
      await other.run(await compile('sequelize', exampleFiles('sequelize-sign-in')), 'auth.ts');
      const imported = await other.loadDatabase(first.database!, 'adapter-lab.sqlite');
      if ('refused' in imported) throw new Error(imported.refused);
      const rows = (outcome: Outcome) =>
        outcome.tables.map((view) => [view.name, view.rows.filter((row) => row.status !== 'deleted').map((row) => row.values)]);
      expect(rows(imported)).toEqual(rows(first));
      const call = await other.call('getUserByEmail', ['octocat@github.com']);
      expect(call.calls[0]?.result?.preview).toContain('The Octocat');
    } finally {
      other.dispose();
    }
  });

  it('refuses a file that is not SQLite, and a damaged one, and keeps the current database', async () => {
    const before = await runExample('sequelize');
    expect(await session!.loadDatabase(new TextEncoder().encode('id,name\n1,Ada\n'.repeat(20)), 'users.csv')).toEqual({
      refused: 'users.csv: This is not an SQLite database file (it does not start with the SQLite file header).',
    });
    const damaged = before.database!.slice();
    damaged.fill(0x5a, 100, damaged.length); // header intact, pages garbage
    expect(await session!.loadDatabase(damaged, 'broken.sqlite')).toEqual({
      refused: expect.stringMatching(/^broken\.sqlite: The database file (is damaged|cannot be read)/),
    });
    const after = await session!.call('getUserByEmail', ['octocat@github.com']);
    expect(after.calls[0]?.result?.preview).toContain('The Octocat');
  });

  it('keeps the database between runs when asked (rows of the last run show as unchanged)', async () => {
    session = await createSession('sequelize');
    const code = await compile(
      'sequelize',
      files({
        'run.ts':
          'import { Sequelize, DataTypes } from "sequelize"\nconst s = new Sequelize({ dialect: "sqlite", logging: false })\nconst Note = s.define("note", { text: DataTypes.STRING })\nawait s.sync()\nawait Note.create({ text: "hello" })\n',
      }),
    );
    await session.run(code, 'run.ts');
    const second = await session.run(code, 'run.ts', { keep: true });
    expect(table(second, 'notes').rows.map((row) => row.status)).toEqual(['same', 'inserted']);
    const fresh = await session.run(code, 'run.ts');
    expect(table(fresh, 'notes').rows.map((row) => row.status)).toEqual(['inserted']);
  });

  it("cancels a finished run's timers when the next run starts", async () => {
    session = await createSession('sequelize');
    const code = await compile(
      'sequelize',
      files({ 'run.ts': 'let n = 0\nsetInterval(() => console.log("tick", ++n), 5)\nawait new Promise((resolve) => setTimeout(resolve, 30))\n' }),
    );
    const first = await session.run(code, 'run.ts');
    expect(logs(first).length).toBeGreaterThan(1);
    await session.run(await compile('sequelize', files({ 'run.ts': 'await new Promise((resolve) => setTimeout(resolve, 40))\n' })), 'run.ts');
    const ticks = logs(
      await session.run(await compile('sequelize', files({ 'run.ts': 'await new Promise((resolve) => setTimeout(resolve, 40))\n' })), 'run.ts'),
    );
    expect(ticks).toEqual([]);
  });
});
