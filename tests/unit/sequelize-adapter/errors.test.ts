// Failures name what they are about.
import { describe, expect, it } from 'vitest';
import SequelizeAdapter, { SequelizeAdapterError } from '@adapter-lab/sequelize-adapter';
import { sqliteSequelize } from './support.ts';

describe('specific errors', () => {
  it('names the missing user when linking an account, creating a session or an authenticator', async () => {
    const db = await sqliteSequelize();
    const adapter = SequelizeAdapter(db.sequelize);
    await expect(adapter.linkAccount?.({ userId: 'ghost-1', type: 'oauth', provider: 'github', providerAccountId: '7' })).rejects.toThrow(
      new SequelizeAdapterError('Cannot link github account 7: user ghost-1 does not exist'),
    );
    await expect(adapter.createSession?.({ sessionToken: 's', userId: 'ghost-2', expires: new Date() })).rejects.toThrow(
      'Cannot create a session for user ghost-2: no such user',
    );
    await expect(
      adapter.createAuthenticator?.({
        credentialID: 'c',
        userId: 'ghost-3',
        providerAccountId: '1',
        credentialPublicKey: 'k',
        counter: 0,
        credentialDeviceType: 'singleDevice',
        credentialBackedUp: false,
      }),
    ).rejects.toThrow('Cannot create authenticator c: user ghost-3 does not exist');
    await expect(adapter.updateAuthenticatorCounter?.('missing', 3)).rejects.toThrow(
      'Cannot update the counter of authenticator missing: no such authenticator',
    );
    await expect(adapter.updateUser?.({ id: 'ghost-4', name: 'x' })).rejects.toThrow('Cannot update user ghost-4: no such user');
    expect(db.query('SELECT count(*) AS n FROM accounts')).toEqual([{ n: 0 }]);
    await db.close();
  });
});

describe('missing lookup values', () => {
  it('name the missing field (Auth.js passes an undefined identifier for a sign-in link without email)', async () => {
    const db = await sqliteSequelize();
    const adapter = SequelizeAdapter(db.sequelize);
    const missing = undefined as unknown as string;
    await expect(adapter.useVerificationToken?.({ identifier: missing, token: 't' })).rejects.toThrow(
      'Cannot look up verificationToken by identifier: no identifier given',
    );
    await expect(adapter.getSessionAndUser?.(missing)).rejects.toThrow('Cannot look up session by sessionToken: no sessionToken given');
    await expect(adapter.getUserByEmail?.(missing)).rejects.toThrow('Cannot look up user by email: no email given');
    await db.close();
  });
});
