// The published @auth/mikro-orm-adapter 2.10.0 on MikroORM 5 (the playground's "official"
// MikroORM implementation), run through a playground session on sql.js as the worker runs it:
// the Auth.js docs' example pasted as auth.ts, a script calling the adapter's methods, errors,
// and the module map.
import { afterEach, describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src/playground/protocol.ts';
import { loadAuthInNode } from '../../../src/playground/runtime/auth/node-loader.ts';
import { mikroOrmOfficialEnvironment } from '../../../src/playground/runtime/env/mikro-orm-official-env.ts';
import { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { OFFICIAL_SNIPPETS } from '../../support/official-auth-snippets.ts';
import { compile, engineOf, files } from './support.ts';

let session: PlaygroundSession | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
});

async function run(code: Record<string, string>, entry = 'run.ts'): Promise<Outcome> {
  session ??= new PlaygroundSession(await engineOf('sqlite'), mikroOrmOfficialEnvironment, undefined, { loadAuth: loadAuthInNode });
  // Compiled as the playground compiles (legacy decorators with design:type metadata); the
  // editor's MikroORM types are 7's, so type errors are expected and not asked for here.
  return session.run(await compile('mikro-orm', files(code)), entry);
}

function notices(outcome: Outcome): string[] {
  return outcome.console.flatMap((entry) => (entry.kind === 'notice' ? [entry.text] : []));
}

function table(outcome: Outcome, name: string) {
  const view = outcome.tables.find((candidate) => candidate.name === name);
  expect(view, `table ${name} (tables: ${outcome.tables.map((each) => each.name).join(', ')})`).toBeDefined();
  return view!;
}

const METHODS = `import { MikroOrmAdapter, defaultEntities } from '@auth/mikro-orm-adapter';

const adapter = MikroOrmAdapter({ dbName: ':memory:', type: 'sqlite', entities: Object.values(defaultEntities) });
const user = await adapter.createUser!({ id: 'u1', email: 'ada@example.com', emailVerified: null, name: 'Ada' });
console.log('user', user.id, user.email);
console.log('by email', (await adapter.getUserByEmail!('ada@example.com'))?.name);
await adapter.linkAccount!({ userId: 'u1', type: 'oauth', provider: 'github', providerAccountId: 'gh-1', access_token: 'at' });
console.log('by account', (await adapter.getUserByAccount!({ provider: 'github', providerAccountId: 'gh-1' }))?.id);
const expires = new Date('2030-01-01T00:00:00Z');
await adapter.createSession!({ sessionToken: 'st-1', userId: 'u1', expires });
const both = await adapter.getSessionAndUser!('st-1');
console.log('session', both?.session.sessionToken, both?.user.email, both?.session.expires.toISOString());
await adapter.createVerificationToken!({ identifier: 'ada@example.com', token: 'vt-1', expires });
console.log('token', (await adapter.useVerificationToken!({ identifier: 'ada@example.com', token: 'vt-1' }))?.token);
console.log('token again', await adapter.useVerificationToken!({ identifier: 'ada@example.com', token: 'vt-1' }));
await adapter.updateUser!({ id: 'u1', name: 'Ada Lovelace' });
await adapter.deleteSession!('st-1');
`;

function logged(outcome: Outcome): string[] {
  return outcome.console.flatMap((entry) => (entry.kind === 'log' ? [entry.values.map((value) => value.preview.replace(/^"(.*)"$/, '$1')).join(' ')] : []));
}

describe('the official @auth/mikro-orm-adapter on MikroORM 5 over sql.js', () => {
  it('names MikroORM 5 and the official adapter as the versions that run', async () => {
    await run({ 'run.ts': 'export {}' });
    expect(session?.versions).toMatchObject({ orm: expect.stringMatching(/^MikroORM 5\.9\.\d+$/), adapter: '@auth/mikro-orm-adapter 2.10.0' });
  });

  it("runs the Auth.js docs' example (custom User entity, @mikro-orm/core decorators) with the official schema", { timeout: 60_000 }, async () => {
    const snippet = OFFICIAL_SNIPPETS.find((each) => each.name === 'MikroORM: the custom User entity with a role')!;
    const outcome = await run({ 'auth.ts': snippet.auth }, 'auth.ts');
    expect(outcome.error).toBeUndefined();
    expect(outcome.ok).toBe(true);
    expect(outcome.adapter?.description).toBe('MikroOrmAdapter from @auth/mikro-orm-adapter 2.10.0');
    // The first request the playground makes for a configured Auth.js: one session lookup.
    expect(outcome.calls.map((call) => [call.method, call.error?.message])).toEqual([['getSessionAndUser', undefined]]);
    expect(table(outcome, 'user').columns).toEqual(['id', 'name', 'email', 'email_verified', 'image', 'role']);
    expect(table(outcome, 'account').columns).toEqual([
      'id',
      'user_id',
      'type',
      'provider',
      'provider_account_id',
      'refresh_token',
      'access_token',
      'expires_at',
      'token_type',
      'scope',
      'id_token',
      'session_state',
    ]);
    expect(table(outcome, 'session').columns).toEqual(['id', 'user_id', 'expires', 'session_token']);
    expect(table(outcome, 'verification_token').columns).toEqual(['token', 'expires', 'identifier']);
    expect(table(outcome, 'user').created).toBe(true);
    // Every statement went through the engine's sqlite3 imitation, the schema generator's too.
    const sql = outcome.statements.map((statement) => statement.sql);
    expect(sql).toContain('pragma foreign_keys = on');
    expect(sql.some((text) => text.startsWith('create table `user`'))).toBe(true);
    expect(sql.at(-1)).toMatch(/^select `s0`\.\* from `session` as `s0` where `s0`\.`session_token` = /);
    expect(notices(outcome)).toEqual(
      expect.arrayContaining([
        'MikroORM was configured for database postgres://postgres:•••@localhost:5432/app: the playground runs it on SQLite (sql.js) in your browser instead.',
        expect.stringContaining('MikroOrmAdapter never creates tables'),
      ]),
    );
  });

  it("runs the docs' basic setup (type: \"sqlite\", debug: true): MikroORM 5's query log is the reader's console", { timeout: 60_000 }, async () => {
    const snippet = OFFICIAL_SNIPPETS.find((each) => each.name === 'MikroORM: the example')!;
    const outcome = await run({ 'auth.ts': snippet.auth }, 'auth.ts');
    expect(outcome.error).toBeUndefined();
    expect(outcome.calls.map((call) => [call.method, call.error?.message])).toEqual([['getSessionAndUser', undefined]]);
    expect(table(outcome, 'user').columns).toEqual(['id', 'name', 'email', 'email_verified', 'image']);
    expect(logged(outcome).some((line) => line.includes('[query]') && line.includes('session_token'))).toBe(true);
  });

  it('calls the adapter methods on the default entities: real rows, statements per call', { timeout: 60_000 }, async () => {
    const outcome = await run({ 'run.ts': METHODS });
    expect(outcome.error).toBeUndefined();
    expect(logged(outcome)).toEqual([
      'user u1 ada@example.com',
      'by email Ada',
      'by account u1',
      'session st-1 ada@example.com 2030-01-01T00:00:00.000Z',
      'token vt-1',
      'token again null',
    ]);
    expect(outcome.calls.map((call) => call.method)).toEqual([
      'createUser',
      'getUserByEmail',
      'linkAccount',
      'getUserByAccount',
      'createSession',
      'getSessionAndUser',
      'createVerificationToken',
      'useVerificationToken',
      'useVerificationToken',
      'updateUser',
      'deleteSession',
    ]);
    expect(outcome.calls.every((call) => call.statements > 0 && !call.error)).toBe(true);
    const user = table(outcome, 'user');
    expect(user.rowCount).toBe(1);
    expect(user.rows[0]?.values.slice(0, 3)).toEqual(['u1', 'Ada Lovelace', 'ada@example.com']);
    expect(table(outcome, 'account').rows[0]?.values.slice(2, 5)).toEqual(['oauth', 'github', 'gh-1']);
    // Deleted within the run: the row observer still saw them.
    expect(table(outcome, 'session').rowCount).toBe(0);
    const statuses = (name: string) => table(outcome, name).rows.map((row) => `${row.status}${row.transient ? ' (transient)' : ''}`);
    expect(statuses('session')).toEqual(['deleted (transient)']);
    expect(statuses('verification_token')).toEqual(['deleted (transient)']);
    expect(statuses('account')).toEqual(['inserted']);
    const inserts = outcome.statements.filter((statement) => /^insert into `user`/.test(statement.sql));
    expect(inserts).toHaveLength(1);
    expect(inserts[0]).toMatchObject({ rowsAffected: 1, origin: { kind: 'call', method: 'createUser' } });
  });

  it('errors come out readable: a duplicate e-mail, an unknown user', { timeout: 60_000 }, async () => {
    const outcome = await run({
      'run.ts': `import { MikroOrmAdapter } from '@auth/mikro-orm-adapter';
const adapter = MikroOrmAdapter({ dbName: ':memory:', type: 'sqlite' });
await adapter.createUser!({ id: 'u1', email: 'ada@example.com', emailVerified: null });
try {
  await adapter.createSession!({ sessionToken: 'st', userId: 'nobody', expires: new Date() });
} catch (error) {
  console.log('caught', (error as Error).message);
}
await adapter.createUser!({ id: 'u2', email: 'ada@example.com', emailVerified: null });
`,
    });
    expect(logged(outcome)).toEqual(['caught User not found']);
    expect(outcome.error).toMatchObject({ name: 'UniqueConstraintViolationException', at: { file: 'run.ts', line: 9 } });
    expect(outcome.error?.message).toContain('UNIQUE constraint failed: user.email');
    expect(outcome.calls.map((call) => [call.method, call.error?.name])).toEqual([
      ['createUser', undefined],
      ['createSession', 'Error'],
      ['createUser', 'UniqueConstraintViolationException'],
    ]);
    const failed = outcome.statements.find((statement) => statement.error);
    expect(failed?.error).toContain('UNIQUE constraint failed: user.email');
  });

  it('the module map explains why MikroORM 7 packages, our adapter among them, cannot be imported here, and refuses the rest', async () => {
    const ours = await run({
      'run.ts': '// Ours is not the official one\nimport { MikroOrmAdapter } from "@adapter-lab/mikro-orm-adapter"\nconsole.log(MikroOrmAdapter)\n',
    });
    expect(ours.error).toMatchObject({
      name: 'LoadError',
      phase: 'load',
      message:
        'Cannot import "@adapter-lab/mikro-orm-adapter" in run.ts: @adapter-lab/mikro-orm-adapter runs on MikroORM 7, and this run uses the official @auth/mikro-orm-adapter on MikroORM 5.',
      at: { file: 'run.ts', line: 2 },
    });
    expect(ours.error?.hint).toBe(
      'Import MikroOrmAdapter from "@auth/mikro-orm-adapter" to run the official package (the same call), or choose "@adapter-lab" under Adapter package to run it on MikroORM 7.',
    );

    const decorators = await run({ 'run.ts': 'import { Entity } from "@mikro-orm/decorators/legacy"\nconsole.log(Entity)\n' });
    expect(decorators.error?.message).toContain("@mikro-orm/decorators/legacy is MikroORM 7's; this run uses MikroORM 5, whose decorators");
    expect(decorators.error?.hint).toContain('Import the decorators from "@mikro-orm/core"');
    const sql = await run({ 'run.ts': 'import { EntityManager } from "@mikro-orm/sql"\nconsole.log(EntityManager)\n' });
    expect(sql.error?.message).toContain('whose SQL layer is @mikro-orm/knex');

    const unknown = await run({ 'run.ts': 'import lodash from "lodash"\nconsole.log(lodash)\n' });
    expect(unknown.error?.message).toBe('Cannot import "lodash" in run.ts: the playground has no such package.');
    expect(unknown.error?.hint).toContain('@mikro-orm/core, @mikro-orm/knex, reflect-metadata, @mikro-orm/sqlite');
    expect(unknown.error?.hint).toContain('@auth/mikro-orm-adapter');
  });

  it('serves the other MikroORM 5 driver packages as SQLite, with a notice when the config names another database', { timeout: 60_000 }, async () => {
    const outcome = await run({
      'run.ts': `import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { defaultEntities } from '@auth/mikro-orm-adapter';
const orm = await MikroORM.init({ driver: PostgreSqlDriver, clientUrl: 'postgresql://app:secret@db:5432/app', entities: Object.values(defaultEntities) });
await orm.getSchemaGenerator().createSchema();
console.log(orm.config.get('dbName'), await orm.em.fork().count(defaultEntities.User));
await orm.close();
`,
    });
    expect(outcome.error).toBeUndefined();
    expect(logged(outcome)).toEqual([':memory: 0']);
    expect(notices(outcome)).toEqual(
      expect.arrayContaining([
        '@mikro-orm/postgresql: The playground serves @mikro-orm/sqlite for @mikro-orm/postgresql: every driver it exports runs on SQLite (sql.js) in your browser.',
        'MikroORM was configured for PostgreSqlDriver, postgresql://app:•••@db:5432/app: the playground runs it on SQLite (sql.js) in your browser instead.',
      ]),
    );
    expect(table(outcome, 'user').created).toBe(true);
  });
});
