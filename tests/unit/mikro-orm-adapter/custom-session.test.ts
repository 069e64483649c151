// A custom Session entity whose primary key is the database's: an autoincrement integer named
// `sessionId`. The adapter returns it under its own name, read back from the INSERT itself.
import { EntitySchema, MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MikroOrmAdapter, defaultEntities, type MikroOrmOptions } from '@adapter-lab/mikro-orm-adapter';
import { createSqlJsDialect, freshSqlJsDatabase } from '../adapter-support/sql-js.ts';
import { freshPostgresDatabase } from '../../support/postgres.ts';
import { addPgliteBesidePostgres, openMikroOrmOnPglite } from '../adapter-support/pglite.ts';
import { expectAssignedSessionKeys } from '../../support/session-keys.ts';
import { sampleUser } from '../adapter-support/adapter-calls.ts';

class SerialSession {
  sessionId?: number;
  user!: defaultEntities.User;
  expires!: Date;
  sessionToken!: string;
}
Object.defineProperty(SerialSession, 'name', { value: 'Session' });
new EntitySchema<SerialSession>({
  class: SerialSession,
  tableName: 'serial_session',
  properties: {
    sessionId: { type: 'integer', primary: true, autoincrement: true, fieldName: 'session_id' },
    user: { kind: 'm:1', entity: () => defaultEntities.User, fieldName: 'user_id', deleteRule: 'cascade', hidden: true },
    expires: { type: 'datetime', fieldName: 'expires' },
    sessionToken: { type: 'string', fieldName: 'session_token', unique: true },
  },
});

interface Target {
  name: string;
  open(): Promise<{ options: MikroOrmOptions; close(): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'sql.js',
    async open() {
      const { database } = await freshSqlJsDatabase();
      return { options: { driver: SqliteDriver, dbName: ':memory:', driverOptions: createSqlJsDialect(database) }, close: async () => database.close() };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const database = await freshPostgresDatabase();
      return { options: { driver: PostgreSqlDriver, clientUrl: database.connectionString }, close: () => database.drop() };
    },
  },
];
// Every PostgreSQL case on PGlite too, in Node.
addPgliteBesidePostgres(targets, openMikroOrmOnPglite);

describe.each(targets)('a custom Session entity with an autoincrement sessionId, on $name', (target) => {
  let db: Awaited<ReturnType<Target['open']>>;
  let orm: MikroORM;
  beforeEach(async () => {
    db = await target.open();
    const { User, Account, VerificationToken, Authenticator } = defaultEntities;
    orm = await MikroORM.init({ ...db.options, entities: [User, Account, SerialSession, VerificationToken, Authenticator] });
    await orm.schema.create();
  });
  afterEach(async () => {
    await orm.close();
    await db.close();
  });

  it('returns the key the database assigned from createSession, and the same key from every later call', async () => {
    const adapter = MikroOrmAdapter(orm, { entities: { Session: SerialSession as never } });
    await adapter.createUser?.(sampleUser(1));
    await expectAssignedSessionKeys(adapter, sampleUser(1).id);
    expect(await orm.em.getConnection().execute('select session_id, session_token from serial_session')).toEqual([{ session_id: 2, session_token: 'token 2' }]);
  });
});
