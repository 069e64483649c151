import type { Adapter } from '@auth/core/adapters';
import type { Database } from 'sql.js';
import { readTables, type TableSnapshot } from '../../engine/read-tables.ts';
import { watchStatements, type StatementEvent } from '../../engine/statement-log.ts';

export type OrmName = 'sequelize' | 'mikro-orm';

/** What every ORM's engine check proves, in order. Both scenarios run all of them. */
export const ENGINE_CHECKS = [
  'create tables with a unique column and a foreign key ON DELETE CASCADE',
  'insert a row (Date, boolean, bigint, blob, undefined)',
  'read it back by its unique key with every value intact',
  'the raw sql.js Database sees the ORM writes',
  'update a row',
  'unique violation raises the ORM typed error naming table and column',
  'foreign-key violation raises the ORM typed error naming table and column',
  'a failed transaction rolls back',
  'deleting the parent cascades to its children',
  'closing the ORM leaves the Database open',
  'our Auth.js adapter signs a user in (OAuth flow, then the session lookup)',
] as const;

export type CheckName = (typeof ENGINE_CHECKS)[number];

export interface CheckResult {
  readonly name: CheckName;
  readonly passed: boolean;
  readonly detail: string;
}

export interface EngineCheckReport {
  readonly orm: OrmName;
  readonly checks: CheckResult[];
  readonly tables: TableSnapshot[];
  readonly statements: StatementEvent[];
  readonly durationMs: number;
}

export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailure(message);
}

export function assertEqual(actual: unknown, expected: unknown, what: string): void {
  const show = (value: unknown): string => (value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? `${value}n` : JSON.stringify(value));
  const same = actual instanceof Date && expected instanceof Date ? actual.getTime() === expected.getTime() : show(actual) === show(expected);
  assert(same, `${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Expects `action` to reject with an instance of `type` whose message contains every `fragment`. */
export async function assertRejects(action: () => Promise<unknown>, type: abstract new (...args: never[]) => Error, fragments: string[]): Promise<string> {
  try {
    await action();
  } catch (error) {
    assert(error instanceof type, `expected ${type.name}, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    const text = messageChain(error);
    for (const fragment of fragments) assert(text.includes(fragment), `error message lacks "${fragment}": ${text}`);
    return `${error.name}: ${text}`;
  }
  throw new CheckFailure(`expected ${type.name}, but it succeeded`);
}

/** An error's message followed by its causes' (Sequelize keeps SQLite's in `parent`). */
export function messageChain(error: Error): string {
  const parts = [error.message];
  let cause = (error as { parent?: unknown }).parent ?? error.cause;
  while (cause instanceof Error && parts.length < 5) {
    if (!parts.includes(cause.message)) parts.push(cause.message);
    cause = (cause as { parent?: unknown }).parent ?? cause.cause;
  }
  return parts.join(' ← ');
}

/** Runs named checks in order; a failing check is recorded and the rest still run. */
export class CheckRunner {
  readonly #checks: CheckResult[] = [];
  readonly #statements: StatementEvent[] = [];
  readonly #database: Database;
  readonly #started = performance.now();

  constructor(database: Database) {
    this.#database = database;
    watchStatements(database, (event) => this.#statements.push(event));
  }

  async check(name: CheckName, body: () => Promise<string | void>): Promise<void> {
    try {
      this.#checks.push({ name, passed: true, detail: (await body()) ?? 'ok' });
    } catch (error) {
      this.#checks.push({ name, passed: false, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  }

  report(orm: OrmName): EngineCheckReport {
    return { orm, checks: this.#checks, tables: readTables(this.#database), statements: this.#statements, durationMs: performance.now() - this.#started };
  }
}

/**
 * The values the scenarios store and expect back, chosen to exercise every binding rule.
 * Both ORMs take BLOBs as `Buffer`s: in the browser the worker installs the `buffer` package's.
 */
export const SAMPLE = {
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  born: new Date('1815-12-10T09:30:00.123Z'),
  active: true,
  karma: 2n ** 40n + 7n,
  avatar: new Uint8Array([0, 1, 2, 250, 255]),
} as const;

/** An OAuth sign-in as Auth.js core performs it, through any adapter; returns a summary. */
export async function signInFlow(adapter: Adapter): Promise<string> {
  const id = '6f1c2f7e-2b7a-4a83-9d43-0f2f5c1e9a10';
  const expires = new Date('2030-01-01T00:00:00.123Z');
  assertEqual(await adapter.getUserByAccount?.({ provider: 'github', providerAccountId: '583231' }), null, 'unknown account');
  await adapter.createUser?.({ id, name: 'Ada Lovelace', email: 'ada@example.com', emailVerified: null, image: null });
  await adapter.linkAccount?.({
    userId: id,
    type: 'oauth',
    provider: 'github',
    providerAccountId: '583231',
    access_token: 'gho_example',
    token_type: 'bearer',
    scope: 'read:user',
  });
  await adapter.createSession?.({ sessionToken: 'session-token', userId: id, expires });
  const found = await adapter.getSessionAndUser?.('session-token');
  assert(found, 'no session found');
  assertEqual(found.session.expires, expires, 'session expires');
  assertEqual(found.user.email, 'ada@example.com', 'user email');
  assertEqual((await adapter.getUserByAccount?.({ provider: 'github', providerAccountId: '583231' }))?.id, id, 'user by account');
  return `session of ${found.user.email} until ${found.session.expires.toISOString()}`;
}

export function countRows(database: Database, table: string): number {
  return Number(database.exec(`SELECT count(*) FROM "${table}"`)[0]?.values[0]?.[0] ?? -1);
}
