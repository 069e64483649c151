// The same Adapter calls for either adapter: a sample user, and every method once with the
// statements each ran.
import type { Adapter } from '@auth/core/adapters';
import { expect } from 'vitest';
import type { StatementEvent } from './sql-js.ts';

export const sampleUser = (n = 1) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  name: `User ${n}`,
  email: `user${n}@example.com`,
  emailVerified: new Date('2024-05-01T10:00:00.123Z'),
  image: null,
});

export interface MethodRun {
  readonly name: string;
  readonly result: unknown;
  /** The statements the call ran, as `statements` recorded them. */
  readonly statements: readonly StatementEvent[];
}

/**
 * Calls every Adapter method once, in an order where each finds the rows it needs (user, account,
 * session, token, authenticator, then the deletes), and slices from `statements` (the database's
 * live record) what each call ran.
 */
export async function runEveryMethod(adapter: Adapter, statements: readonly StatementEvent[]): Promise<MethodRun[]> {
  const user = sampleUser(1);
  const expires = new Date('2030-01-01T00:00:00.000Z');
  const calls: Array<[string, () => unknown]> = [
    ['createUser', () => adapter.createUser?.(user)],
    ['getUser', () => adapter.getUser?.(user.id)],
    ['getUserByEmail', () => adapter.getUserByEmail?.(user.email)],
    ['linkAccount', () => adapter.linkAccount?.({ userId: user.id, type: 'oauth', provider: 'github', providerAccountId: '1' })],
    ['getUserByAccount', () => adapter.getUserByAccount?.({ provider: 'github', providerAccountId: '1' })],
    ['getAccount', () => adapter.getAccount?.('1', 'github')],
    ['updateUser', () => adapter.updateUser?.({ id: user.id, name: 'Renamed' })],
    ['createSession', () => adapter.createSession?.({ sessionToken: 's', userId: user.id, expires })],
    ['getSessionAndUser', () => adapter.getSessionAndUser?.('s')],
    ['updateSession', () => adapter.updateSession?.({ sessionToken: 's', expires })],
    ['deleteSession', () => adapter.deleteSession?.('s')],
    ['createVerificationToken', () => adapter.createVerificationToken?.({ identifier: user.email, token: 't', expires })],
    ['useVerificationToken', () => adapter.useVerificationToken?.({ identifier: user.email, token: 't' })],
    [
      'createAuthenticator',
      () =>
        adapter.createAuthenticator?.({
          credentialID: 'c',
          userId: user.id,
          providerAccountId: '1',
          credentialPublicKey: 'k',
          counter: 0,
          credentialDeviceType: 'singleDevice',
          credentialBackedUp: true,
          transports: null,
        }),
    ],
    ['getAuthenticator', () => adapter.getAuthenticator?.('c')],
    ['listAuthenticatorsByUserId', () => adapter.listAuthenticatorsByUserId?.(user.id)],
    ['updateAuthenticatorCounter', () => adapter.updateAuthenticatorCounter?.('c', 1)],
    ['unlinkAccount', () => adapter.unlinkAccount?.({ provider: 'github', providerAccountId: '1' })],
    ['deleteUser', () => adapter.deleteUser?.(user.id)],
  ];
  const runs: MethodRun[] = [];
  for (const [name, call] of calls) {
    const before = statements.length;
    const result = await call();
    runs.push({ name, result, statements: statements.slice(before) });
  }
  return runs;
}

/** Each call's result (or each item of a list result) is a plain object, never an ORM instance. */
export function expectPlainResults(runs: readonly MethodRun[]): void {
  for (const { name, result } of runs) {
    for (const value of [result].flat()) {
      if (value && typeof value === 'object') expect(Object.getPrototypeOf(value), name).toBe(Object.prototype);
    }
  }
}

/** How many statements each call ran, by method name. */
export const statementCounts = (runs: readonly MethodRun[]): Record<string, number> => Object.fromEntries(runs.map((run) => [run.name, run.statements.length]));
