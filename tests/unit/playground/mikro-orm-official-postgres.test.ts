// The published @auth/mikro-orm-adapter 2.10.0 on MikroORM 5's PostgreSqlDriver over PostgreSQL
// (PGlite) in Node, through a playground session: knex's pg client with the engine's real `pg`
// Client, the official schema as PostgreSQL types it, rows and statements, PostgreSQL's errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src/playground/protocol.ts';
import { loadAuthInNode } from '../../../src/playground/runtime/auth/node-loader.ts';
import { mikroOrmOfficialPostgresEnvironment } from '../../../src/playground/runtime/env/mikro-orm-official-postgres-env.ts';
import { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { OFFICIAL_SNIPPETS } from '../../support/official-auth-snippets.ts';
import { compile, engineOf, files } from './support.ts';

let session: PlaygroundSession;
beforeAll(async () => {
  session = new PlaygroundSession(await engineOf('postgres'), mikroOrmOfficialPostgresEnvironment, undefined, { loadAuth: loadAuthInNode });
}, 60_000);
afterAll(() => session.dispose());

const run = async (code: Record<string, string>, entry = 'run.ts'): Promise<Outcome> => session.run(await compile('mikro-orm', files(code)), entry);
const notices = (outcome: Outcome): string[] => outcome.console.flatMap((entry) => (entry.kind === 'notice' ? [entry.text] : []));
const logged = (outcome: Outcome): string[] =>
  outcome.console.flatMap((entry) => (entry.kind === 'log' ? [entry.values.map((value) => value.preview.replace(/^"(.*)"$/, '$1')).join(' ')] : []));
const table = (outcome: Outcome, name: string) => {
  const view = outcome.tables.find((candidate) => candidate.name === name);
  expect(view, `table ${name} (tables: ${outcome.tables.map((each) => each.name).join(', ')})`).toBeDefined();
  return view!;
};

describe('the official @auth/mikro-orm-adapter on MikroORM 5 over PGlite', () => {
  it("runs the Auth.js docs' basic setup on PostgreSQL: the official tables as PostgreSQL types them", { timeout: 120_000 }, async () => {
    const snippet = OFFICIAL_SNIPPETS.find((each) => each.name === 'MikroORM: the example')!;
    const outcome = await run({ 'auth.ts': snippet.auth }, 'auth.ts');
    expect(outcome.error, JSON.stringify(outcome.error, null, 1)).toBeUndefined();
    expect(session.versions).toMatchObject({ orm: expect.stringMatching(/^MikroORM 5\.9\.\d+$/), adapter: '@auth/mikro-orm-adapter 2.10.0' });
    expect(session.versions.database).toMatch(/^PostgreSQL \d+\.\d+ \(PGlite/);
    expect(outcome.calls.map((call) => [call.method, call.error?.message])).toEqual([['getSessionAndUser', undefined]]);
    expect(table(outcome, 'user').columns).toEqual(['id', 'name', 'email', 'email_verified', 'image']);
    expect(table(outcome, 'account').columns).toEqual(expect.arrayContaining(['id', 'user_id', 'type', 'provider', 'provider_account_id']));
    expect(table(outcome, 'session').columns).toEqual(['id', 'user_id', 'expires', 'session_token']);
    expect(table(outcome, 'verification_token').columns).toEqual(['token', 'expires', 'identifier']);
    // PostgreSQL's own DDL, through the engine's `pg` Client.
    expect(outcome.statements.some((statement) => /create table "user" \("id" varchar\(255\) not null/.test(statement.sql))).toBe(true);
    expect(notices(outcome)).toEqual(expect.arrayContaining([expect.stringContaining('MikroOrmAdapter never creates tables')]));
    // The docs' SQLite `type` is not PostgreSQL: said once.
    expect(notices(outcome).filter((text) => text.includes('runs it on'))).toEqual([
      'MikroORM was configured for `type: "sqlite"`: the playground runs it on PostgreSQL (PGlite) in your browser instead.',
    ]);
  });

  it("shows why the docs' custom User entity fails on PostgreSQL: MikroORM 5 makes its item-less @Enum a smallint defaulting to 'ADMIN'", {
    timeout: 120_000,
  }, async () => {
    const snippet = OFFICIAL_SNIPPETS.find((each) => each.name === 'MikroORM: the custom User entity with a role')!;
    const outcome = await run({ 'auth.ts': snippet.auth }, 'auth.ts');
    const [call] = outcome.calls;
    expect(call?.method).toBe('getSessionAndUser');
    expect(call?.error?.message).toContain('"role" smallint not null default \'ADMIN\'');
    expect(call?.error?.message).toContain('invalid input syntax for type smallint: "ADMIN"');
  });

  it('calls the adapter methods: rows, statements per call, a unique violation from PostgreSQL', { timeout: 120_000 }, async () => {
    const outcome = await run({
      'run.ts': `import { MikroOrmAdapter } from '@auth/mikro-orm-adapter';
const adapter = MikroOrmAdapter({ clientUrl: 'postgresql://app:secret@localhost:5432/app', type: 'postgresql' });
await adapter.createUser!({ id: 'u1', email: 'ada@example.com', emailVerified: null, name: 'Ada' });
await adapter.linkAccount!({ userId: 'u1', type: 'oauth', provider: 'github', providerAccountId: 'gh-1' });
await adapter.createSession!({ sessionToken: 'st-1', userId: 'u1', expires: new Date('2030-01-01T00:00:00Z') });
const both = await adapter.getSessionAndUser!('st-1');
console.log(both?.user.email, both?.session.expires.toISOString(), (await adapter.getUserByAccount!({ provider: 'github', providerAccountId: 'gh-1' }))?.id);
await adapter.createVerificationToken!({ identifier: 'ada@example.com', token: 'vt-1', expires: new Date('2030-01-01T00:00:00Z') });
console.log((await adapter.useVerificationToken!({ identifier: 'ada@example.com', token: 'vt-1' }))?.token, await adapter.useVerificationToken!({ identifier: 'ada@example.com', token: 'vt-1' }));
await adapter.createUser!({ id: 'u2', email: 'ada@example.com', emailVerified: null });
`,
    });
    expect(logged(outcome)).toEqual(['ada@example.com 2030-01-01T00:00:00.000Z u1', 'vt-1 null']);
    expect(outcome.error).toMatchObject({ name: 'UniqueConstraintViolationException', at: { file: 'run.ts', line: 10 } });
    expect(outcome.error?.message).toContain('duplicate key value violates unique constraint "user_email_unique"');
    expect(
      table(outcome, 'user')
        .rows.filter((row) => row.status !== 'deleted')
        .map((row) => row.values.slice(0, 3)),
    ).toEqual([['u1', 'Ada', 'ada@example.com']]);
    expect(table(outcome, 'account').rowCount).toBe(1);
    expect(table(outcome, 'session').rowCount).toBe(1);
    const insert = outcome.statements.find((statement) => statement.sql.startsWith('insert into "user"'));
    expect(insert).toMatchObject({ rowsAffected: 1, origin: { kind: 'call', method: 'createUser' } });
  });
});
