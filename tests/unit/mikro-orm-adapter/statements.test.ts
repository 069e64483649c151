// Every Adapter method is one SQL statement with bound parameters, and returns plain objects.
import { describe, expect, it } from 'vitest';
import { MikroOrmAdapter } from '@adapter-lab/mikro-orm-adapter';
import { sampleUser, sqliteMikroOrm } from './support.ts';

describe('statements per method on SQLite', () => {
  it('runs each method as one statement, values bound as parameters', async () => {
    const db = await sqliteMikroOrm();
    const adapter = MikroOrmAdapter(db.options);
    await adapter.getUser?.('warm-up: starts the ORM');
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
    const counts: Record<string, number> = {};
    for (const [name, call] of calls) {
      const before = db.statements.length;
      const result = await call();
      const ran = db.statements.slice(before);
      counts[name] = ran.length;
      for (const statement of ran) expect(statement.sql, name).not.toContain(user.id); // bound, never inlined
      for (const value of [result].flat()) {
        if (value && typeof value === 'object') expect(Object.getPrototypeOf(value), name).toBe(Object.prototype);
      }
    }
    expect(counts).toEqual(Object.fromEntries(calls.map(([name]) => [name, 1])));
    await db.close();
  });
});
