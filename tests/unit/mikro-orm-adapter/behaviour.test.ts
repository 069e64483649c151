// The MikroORM adapter's start-up and configuration rules.
import { MikroORM } from '@mikro-orm/core';
import { SqliteDriver } from '@mikro-orm/sql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MikroOrmAdapter, MikroOrmAdapterError, defaultEntities } from '@adapter-lab/mikro-orm-adapter';
import { sampleUser } from '../adapter-support/adapter-calls.ts';
import { sqliteMikroOrm, type SqliteMikroOrm } from './support.ts';

let db: SqliteMikroOrm;
beforeEach(async () => {
  db = await sqliteMikroOrm();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.close();
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
}

describe('MikroOrmAdapter start-up', () => {
  it('starts MikroORM once, on the first call, however many calls arrive together', async () => {
    const init = vi.spyOn(MikroORM, 'init');
    const adapter = MikroOrmAdapter(db.options);
    expect(init).not.toHaveBeenCalled();
    const users = await Promise.all(Array.from({ length: 10 }, (_, i) => adapter.createUser?.(sampleUser(i))));
    expect(users.map((user) => user?.email)).toEqual(Array.from({ length: 10 }, (_, i) => sampleUser(i).email));
    expect(init).toHaveBeenCalledTimes(1);
  });

  it('never mutates the options it is given, even nested ones', async () => {
    const options = deepFreeze({ ...db.options, discovery: { warnWhenNoEntities: true }, entities: [] });
    const adapter = MikroOrmAdapter(options);
    expect(await adapter.createUser?.(sampleUser(1))).toEqual(sampleUser(1));
    expect(options.entities).toEqual([]);
  });

  it('registers the default entities when the config lists none', async () => {
    const adapter = MikroOrmAdapter({ driver: SqliteDriver, dbName: ':memory:', driverOptions: db.options.driverOptions! });
    await adapter.createUser?.(sampleUser(1));
    expect(await adapter.getUserByEmail?.(sampleUser(1).email)).toEqual(sampleUser(1));
  });

  it('uses an initialised MikroORM as it is and never closes it', async () => {
    const orm = await MikroORM.init({ ...db.options, entities: Object.values(defaultEntities) });
    const init = vi.spyOn(MikroORM, 'init');
    const close = vi.spyOn(orm, 'close');
    const adapter = MikroOrmAdapter(orm);
    await adapter.createUser?.(sampleUser(1));
    expect(await adapter.getUser?.(sampleUser(1).id)).toEqual(sampleUser(1));
    expect(init).not.toHaveBeenCalled();
    expect(close).not.toHaveBeenCalled();
    expect(await orm.isConnected()).toBe(true);
    await orm.close();
  });

  it('says what to write instead of MikroORM 5/6 options', async () => {
    const first = (options: object) => MikroOrmAdapter(options as never).getUser?.('x');
    await expect(first({ type: 'sqlite', dbName: 'db.sqlite' })).rejects.toThrow(
      /MikroORM 7 has no `type: "sqlite"` option: write driver: SqliteDriver from '@mikro-orm\/sqlite'/,
    );
    await expect(first({ type: 'postgresql', dbName: 'auth' })).rejects.toThrow("write driver: PostgreSqlDriver from '@mikro-orm/postgresql' instead");
    await expect(first({ driver: SqliteDriver, dbName: 'x', tsNode: true })).rejects.toThrow('use `preferTs: true` instead');
    await expect(first({ dbName: 'x' })).rejects.toThrow(/needs a MikroORM `driver`/);
  });

  it('retries start-up after a failure instead of keeping the error', async () => {
    const init = vi.spyOn(MikroORM, 'init').mockRejectedValueOnce(new Error('database not reachable yet'));
    const adapter = MikroOrmAdapter(db.options);
    await expect(adapter.getUser?.('x')).rejects.toThrow('database not reachable yet');
    expect(await adapter.getUser?.('x')).toBeNull();
    expect(init).toHaveBeenCalledTimes(2);
  });
});

describe('defaultEntities', () => {
  it('holds only the five entity classes, whose names and tables survive minification', async () => {
    expect(Object.keys(defaultEntities).sort()).toEqual(['Account', 'Authenticator', 'Session', 'User', 'VerificationToken']);
    for (const [name, entity] of Object.entries(defaultEntities)) {
      expect(typeof entity).toBe('function');
      expect(entity.name).toBe(name);
    }
    const orm = await MikroORM.init({ ...db.options, entities: Object.values(defaultEntities) });
    expect(Object.values(defaultEntities).map((entity) => orm.getMetadata().get(entity as never).tableName)).toEqual([
      'user',
      'account',
      'session',
      'verification_token',
      'authenticator',
    ]);
    await orm.close();
  });
});

describe('specific errors', () => {
  it('names what could not be done and for which ids', async () => {
    const adapter = MikroOrmAdapter(db.options);
    await expect(adapter.linkAccount?.({ userId: 'ghost-1', type: 'oauth', provider: 'github', providerAccountId: '7' })).rejects.toThrow(
      new MikroOrmAdapterError('Cannot link github account 7: user ghost-1 does not exist'),
    );
    await expect(adapter.createSession?.({ sessionToken: 's', userId: 'ghost-2', expires: new Date() })).rejects.toThrow(
      'Cannot create a session: user ghost-2 does not exist',
    );
    await expect(adapter.updateUser?.({ id: 'ghost-3', name: 'x' })).rejects.toThrow('Cannot update user ghost-3: no such user');
    await expect(adapter.updateAuthenticatorCounter?.('missing', 1)).rejects.toThrow(
      'Cannot update the counter of authenticator missing: no such authenticator',
    );
    await expect(adapter.useVerificationToken?.({ identifier: undefined as unknown as string, token: 't' })).rejects.toThrow(
      'Cannot look up VerificationToken by identifier: no identifier given',
    );
  });
});
