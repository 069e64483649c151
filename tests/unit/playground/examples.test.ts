// Every built-in example compiles against the playground's type bundle without errors (the
// build fails otherwise) and runs on its ORM over sql.js in Node through the very runtime the
// browser uses; the default examples sign two people in through Auth.js and fill its tables.
import { afterAll, describe, expect, it } from 'vitest';
import { readExpectation } from '../../../src/docs/build/docs-examples.ts';
import { buildExamples, type BuiltExample } from '../../../src/playground/build/examples-plugin.ts';
import { EXAMPLES_DIR } from '../../../src/playground/build/read-examples.ts';
import type { Outcome } from '../../../src/playground/protocol.ts';
import type { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { entryFile } from '../../../src/playground/store/state.ts';
import { createSession } from './support.ts';

const examples = await buildExamples();
const sessions: PlaygroundSession[] = [];
afterAll(() => {
  for (const session of sessions) session.dispose();
});

async function run(example: BuiltExample): Promise<Outcome> {
  const session = await createSession(example.orm);
  sessions.push(session);
  return session.run(example.compiled, entryFile(example));
}

const live = (outcome: Outcome, table: string): number =>
  outcome.tables.find((view) => view.name === table)?.rows.filter((row) => row.status !== 'deleted').length ?? -1;
const text = (entry: Outcome['console'][number]): string =>
  entry.kind === 'log' ? entry.values.map((value) => (value.type === 'string' ? (JSON.parse(value.preview) as string) : value.preview)).join(' ') : '';
/** Errors in the console but those Auth.js logs for what the example provokes on purpose (its expect.authErrors). */
const errors = (outcome: Outcome, expected: readonly string[] = []): unknown[] =>
  outcome.console.filter(
    (entry) =>
      entry.kind === 'error' || (entry.kind === 'log' && entry.level === 'error' && !expected.some((type) => text(entry).startsWith(`[auth][error] ${type}:`))),
  );

describe.each(examples.map((example) => [example.id, example] as const))('example %s', (_id, example) => {
  it('runs without an error', async () => {
    const outcome = await run(example);
    expect(outcome.error).toBeUndefined();
    expect(errors(outcome, readExpectation(example.id, EXAMPLES_DIR).authErrors)).toEqual([]);
    expect(outcome.ok).toBe(true);
    expect(outcome.calls.every((call) => !call.error)).toBe(true);
  });
});

describe.each([
  ['sequelize', ['users', 'accounts', 'sessions', 'verification_tokens']],
  ['mikro-orm', ['user', 'account', 'session', 'verification_token']],
] as const)('the %s default example', (orm, [users, accounts, sessions, tokens]) => {
  it('signs in with GitHub and by e-mail link through Auth.js, refuses the link a second time, and signs out', async () => {
    const example = examples.find((candidate) => candidate.orm === orm && candidate.default)!;
    const outcome = await run(example);
    expect(outcome.error).toBeUndefined();
    // Two users (GitHub, e-mail), GitHub's account, and the e-mail user's session: the GitHub
    // session was signed out, and the link's token used up (both shown as deleted).
    expect([users, accounts, sessions, tokens].map((table) => live(outcome, table))).toEqual([2, 1, 1, 0]);
    const statuses = (table: string): string[] =>
      outcome.tables
        .find((view) => view.name === table)!
        .rows.map((row) => `${row.status}${row.transient ? ' (transient)' : ''}`)
        .sort();
    expect(statuses(sessions)).toEqual(['deleted (transient)', 'inserted']);
    expect(statuses(tokens)).toEqual(['deleted (transient)']);
    const userRows = outcome.tables.find((view) => view.name === users)!;
    const column = (name: string) => userRows.columns.indexOf(name);
    expect(userRows.rows.map((row) => [row.values[column('email')], row.values[column('email_verified')] === null])).toEqual([
      ['octocat@github.com', true],
      ['hedy@example.com', false],
    ]);
    expect(outcome.calls.map((call) => call.method)).toEqual([
      'getUserByAccount',
      'getUserByAccount',
      'getUserByEmail',
      'createUser',
      'linkAccount',
      'createSession',
      'getSessionAndUser',
      'getSessionAndUser',
      'getUserByEmail',
      'createVerificationToken',
      'useVerificationToken',
      'getUserByEmail',
      'getUserByEmail',
      'createUser',
      'createSession',
      'getSessionAndUser',
      'useVerificationToken',
      'deleteSession',
    ]);
    expect(outcome.calls.every((call) => call.source === 'flow')).toBe(true);
    // The second opening of the link ends on Auth.js's error page.
    expect(outcome.http.filter((exchange) => exchange.location?.includes('error=Verification'))).toHaveLength(1);
    const logs = outcome.console.filter((entry) => entry.kind === 'log').map(text);
    expect(logs).toEqual([
      expect.stringMatching(/^The Octocat is signed in until \d{4}-/),
      'signed in by e-mail: hedy@example.com',
      expect.stringMatching(/^\[auth\]\[error\] Verification:/),
      'the same link again: Verification',
      'after signing out: null',
    ]);
    // The notice that the configured server database runs on SQLite here.
    expect(outcome.console.some((entry) => entry.kind === 'notice' && /configured for .*PostgreSQL|PostgreSqlDriver/.test(entry.text))).toBe(true);
  });
});

it("the official docs' custom Sequelize model, as written, adds its phoneNumber column (and Sequelize's timestamps)", async () => {
  const outcome = await run(examples.find((example) => example.id === 'sequelize-custom-model')!);
  expect(outcome.error).toBeUndefined();
  const users = outcome.tables.find((view) => view.name === 'users')!;
  expect(users.columns).toEqual(expect.arrayContaining(['phoneNumber', 'createdAt', 'updatedAt']));
  expect(users.columns).not.toContain('phone_number');
});

it("the official docs' custom MikroORM User (bugs fixed) adds a role column holding ADMIN", async () => {
  const outcome = await run(examples.find((example) => example.id === 'mikro-orm-custom-user')!);
  const users = outcome.tables.find((view) => view.name === 'user')!;
  expect(users.columns).toContain('role');
  expect(users.rows[0]?.values[users.columns.indexOf('role')]).toBe('ADMIN');
  // Hidden from Auth.js: the session run.ts logs has no role.
  const logged = outcome.console.filter((entry) => entry.kind === 'log').map(text);
  expect(logged).toEqual([expect.stringContaining('octocat@github.com')]);
  expect(logged[0]).not.toMatch(/role|ADMIN/);
  expect(outcome.schema.tables.find((table) => table.name === 'session')?.foreignKeys).toEqual([
    expect.objectContaining({ table: 'user', columns: ['user_id'], onDelete: 'CASCADE' }),
  ]);
});
