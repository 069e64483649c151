// Every built-in example compiles against the playground's type bundle without errors (the
// build fails otherwise) and runs on its ORM over sql.js in Node through the very runtime the
// browser uses; the default examples fill the four Auth.js tables.
import { afterAll, describe, expect, it } from 'vitest';
import { buildExamples, type BuiltExample } from '../../../src/playground/build/examples-plugin.ts';
import type { Outcome } from '../../../src/playground/protocol.ts';
import type { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { entryFile } from '../../../src/playground/store/state.ts';
import { createSession } from './support.ts';

const examples = await buildExamples();
const sessions: PlaygroundSession[] = [];
afterAll(() => sessions.forEach((session) => session.dispose()));

async function run(example: BuiltExample): Promise<Outcome> {
  const session = await createSession(example.orm);
  sessions.push(session);
  return session.run(example.compiled, entryFile(example));
}

const live = (outcome: Outcome, table: string): number => outcome.tables.find((view) => view.name === table)?.rows.filter((row) => row.status !== 'deleted').length ?? -1;
const errors = (outcome: Outcome): unknown[] => outcome.console.filter((entry) => entry.kind === 'error' || (entry.kind === 'log' && entry.level === 'error'));

describe.each(examples.map((example) => [example.id, example] as const))('example %s', (_id, example) => {
  it('runs without an error', async () => {
    const outcome = await run(example);
    expect(outcome.error).toBeUndefined();
    expect(errors(outcome)).toEqual([]);
    expect(outcome.ok).toBe(true);
    expect(outcome.calls.every((call) => !call.error)).toBe(true);
  });
});

describe.each([
  ['sequelize', ['users', 'accounts', 'sessions', 'verification_tokens']],
  ['mikro-orm', ['user', 'account', 'session', 'verification_token']],
] as const)('the %s default example', (orm, tables) => {
  it('fills the four adapter tables, and shows the used verification token as deleted', async () => {
    const example = examples.find((candidate) => candidate.orm === orm && candidate.default)!;
    const outcome = await run(example);
    for (const table of tables) expect(live(outcome, table), table).toBe(1);
    const tokens = outcome.tables.find((view) => view.name === tables[3])!;
    expect(tokens.rows.map((row) => [row.status, row.transient ?? false, row.values[tokens.columns.indexOf('token')]])).toEqual([
      ['inserted', false, '7b2e0f4a9c3d'], ['deleted', true, '4c1d9a7e8f2b'],
    ].sort((a, b) => (a[1] === b[1] ? 0 : a[1] ? 1 : -1)));
    expect(outcome.calls.map((call) => call.method)).toEqual([
      'getUserByAccount', 'createUser', 'linkAccount', 'createSession', 'getSessionAndUser',
      'createVerificationToken', 'useVerificationToken', 'useVerificationToken', 'createVerificationToken',
    ]);
    // The notice that the configured server database runs on SQLite here.
    expect(outcome.console.some((entry) => entry.kind === 'notice' && /configured for .*PostgreSQL|PostgreSqlDriver/.test(entry.text))).toBe(true);
  });
});

it("the official docs' custom Sequelize model adds its phoneNumber column", async () => {
  const outcome = await run(examples.find((example) => example.id === 'sequelize-custom-model')!);
  const users = outcome.tables.find((view) => view.name === 'users')!;
  expect(users.columns).toContain('phoneNumber');
  expect(users.rows[0]?.values[users.columns.indexOf('phoneNumber')]).toBe('+1 202 555 0143');
});

it("the official docs' custom MikroORM User (bugs fixed) adds a role column holding ADMIN", async () => {
  const outcome = await run(examples.find((example) => example.id === 'mikro-orm-custom-user')!);
  const users = outcome.tables.find((view) => view.name === 'user')!;
  expect(users.columns).toContain('role');
  expect(users.rows[0]?.values[users.columns.indexOf('role')]).toBe('ADMIN');
  expect(outcome.schema.tables.find((table) => table.name === 'session')?.foreignKeys).toEqual([
    expect.objectContaining({ table: 'user', columns: ['user_id'], onDelete: 'CASCADE' }),
  ]);
});
