// Every Adapter method is one SQL statement on SQLite (after the first call's table check),
// and never a Model instance.
import { describe, expect, it } from 'vitest';
import SequelizeAdapter from '@adapter-lab/sequelize-adapter';
import { sampleUser, sqliteSequelize } from './support.ts';

describe('statements per method on SQLite', () => {
  it('runs each method as a single statement', async () => {
    const db = await sqliteSequelize();
    const adapter = SequelizeAdapter(db.sequelize);
    await adapter.getUser?.('warm-up: creates the tables');
    const user = sampleUser(1);
    const expires = new Date('2030-01-01T00:00:00.000Z');
    const calls: Array<[string, () => Promise<unknown> | unknown]> = [
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
      counts[name] = db.statements.length - before;
      for (const value of [result].flat()) {
        if (value && typeof value === 'object') expect(Object.getPrototypeOf(value), name).toBe(Object.prototype);
      }
    }
    expect(counts).toEqual(Object.fromEntries(calls.map(([name]) => [name, 1])));
    await db.close();
  });
});
