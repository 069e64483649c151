// Our @adapter-lab/mikro-orm-adapter (MikroORM 7) over sql.js through the engine, a fresh
// database in the test run's PostgreSQL cluster, or the test file's PGlite. Tables come from
// MikroORM's schema generator on a separate ORM (the adapter, like upstream, leaves schema to
// migrations).
import { Collection, EntitySchema, MikroORM } from '@mikro-orm/core';
import type { MikroOrmOptions as Options } from '@adapter-lab/mikro-orm-adapter';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sql';
import { MikroOrmAdapter, defaultEntities, withUserEntity } from '@adapter-lab/mikro-orm-adapter';
import { createSqlJsDialect, loadSqlJs } from '../../src/engine/sql-js/index.ts';
import { freshPostgresDatabase } from '../support/postgres.ts';
import { openMikroOrmOnPglite } from '../unit/adapter-support/pglite.ts';
import type { AdapterHarness, HarnessInstance, HarnessOptions, Role } from './harness.ts';

const TABLES: Readonly<Record<Role, string>> = {
  user: 'user',
  account: 'account',
  session: 'session',
  verificationToken: 'verification_token',
  authenticator: 'authenticator',
};

/** The custom user of the suite: ours plus a `phoneNumber` column. */
export class PhoneUser implements defaultEntities.User {
  id: string = crypto.randomUUID();
  name?: string | null = null;
  email?: string | null = null;
  emailVerified: Date | null = null;
  image?: string | null = null;
  phoneNumber?: string | null = null;
  sessions = new Collection<defaultEntities.Session, object>(this);
  accounts = new Collection<defaultEntities.Account, object>(this);
}
Object.defineProperty(PhoneUser, 'name', { value: 'User' });
new EntitySchema<PhoneUser>({
  class: PhoneUser,
  tableName: 'user',
  properties: {
    id: { type: 'string', primary: true },
    name: { type: 'string', nullable: true },
    email: { type: 'string', nullable: true, unique: true },
    emailVerified: { type: 'datetime', length: 3, fieldName: 'email_verified', nullable: true }, // milliseconds on MariaDB too
    image: { type: 'string', nullable: true },
    phoneNumber: { type: 'string', fieldName: 'phone_number', nullable: true },
    sessions: { kind: '1:m', entity: () => defaultEntities.Session, mappedBy: 'user', hidden: true },
    accounts: { kind: '1:m', entity: () => defaultEntities.Account, mappedBy: 'user', hidden: true },
  },
});

interface Connection {
  options: Options;
  close(): Promise<void>;
}

export function mikroOrmHarness(name: string, connect: () => Promise<Connection>): AdapterHarness {
  return {
    name,
    webauthn: true,
    async setup(options: HarnessOptions = {}): Promise<HarnessInstance> {
      const connection = await connect();
      const { Account, Session, VerificationToken, Authenticator } = defaultEntities;
      const entities = options.customUser ? [PhoneUser, Account, Session, VerificationToken, Authenticator] : Object.values(defaultEntities);
      // A separate ORM creates the tables and counts rows; the adapter opens its own.
      const admin = await withUserEntity(options.customUser ? PhoneUser : undefined, () => MikroORM.init({ ...connection.options, entities }));
      await admin.schema.create();
      const adapter = MikroOrmAdapter(connection.options, options.customUser ? { entities: { User: PhoneUser } } : {});
      return {
        adapter,
        async count(role) {
          const [row] = await admin.em
            .getConnection()
            .execute<Array<{ n: number | string }>>(`select count(*) as n from ${admin.em.getPlatform().quoteIdentifier(TABLES[role])}`);
          return Number(row?.n);
        },
        async teardown() {
          await admin.close();
          await connection.close();
        },
      };
    },
  };
}

export const mikroOrmSqlJsHarness = mikroOrmHarness('@adapter-lab/mikro-orm-adapter × sql.js', async () => {
  const SQL = await loadSqlJs();
  const database = new SQL.Database();
  return {
    options: { driver: SqliteDriver, dbName: ':memory:', driverOptions: createSqlJsDialect(database) },
    close: async () => database.close(),
  };
});

export const mikroOrmPostgresHarness = mikroOrmHarness('@adapter-lab/mikro-orm-adapter × PostgreSQL', async () => {
  const database = await freshPostgresDatabase();
  return {
    options: { driver: PostgreSqlDriver, clientUrl: database.connectionString },
    close: () => database.drop(),
  };
});

export const mikroOrmPgliteHarness = mikroOrmHarness('@adapter-lab/mikro-orm-adapter × PGlite', openMikroOrmOnPglite);
