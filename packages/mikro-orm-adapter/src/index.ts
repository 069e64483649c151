/**
 * Auth.js adapter for MikroORM 7 — the official `@auth/mikro-orm-adapter` API and schema on the
 * MikroORM version it does not support, plus WebAuthn, TEXT tokens and single-statement methods.
 *
 * ```ts
 * import { MikroOrmAdapter } from "@adapter-lab/mikro-orm-adapter"
 * import { PostgreSqlDriver } from "@mikro-orm/postgresql"
 * export const { handlers, auth } = NextAuth({
 *   adapter: MikroOrmAdapter({ driver: PostgreSqlDriver, clientUrl: process.env.DATABASE_CONNECTION_STRING }),
 *   providers: [],
 * })
 * ```
 */
import type { Adapter, AdapterAccount, AdapterAuthenticator, AdapterSession, AdapterUser, VerificationToken } from '@auth/core/adapters';
import { ForeignKeyConstraintViolationException, MikroORM, type EntityMetadata } from '@mikro-orm/core';
import { sql } from 'kysely';
import { ormOptions, resolveEntities, ROLES, type AdapterEntities, type Options, type Role } from './config.ts';
import * as defaultEntities from './entities.ts';
import { Table, type AnyKysely, type Row, type Where } from './table.ts';
import { withUserEntity } from './user-entity.ts';

export { defaultEntities, withUserEntity };
export type { Options as MikroOrmOptions };

/** The second argument of `MikroOrmAdapter`. */
export interface MikroOrmAdapterOptions {
  /** Your own entities, each replacing the default entity of the same name (`{ User }` with an extra property, say). */
  entities?: Partial<typeof defaultEntities>;
}

/** Thrown for requests that cannot be carried out, with the ids involved. */
export class MikroOrmAdapterError extends Error {
  override readonly name = 'MikroOrmAdapterError';
}

interface Store {
  tables: Record<Role, Table | undefined>;
  db: AnyKysely;
}

function isMikroOrm(value: unknown): value is MikroORM {
  return (
    value instanceof MikroORM ||
    (typeof value === 'object' && value !== null && 'em' in value && typeof (value as { getMetadata?: unknown }).getMetadata === 'function')
  );
}

/**
 * An Auth.js adapter that stores users, accounts, sessions, verification tokens and WebAuthn
 * authenticators through MikroORM 7. Given options, it initialises its own MikroORM on the first
 * call (once, even under concurrent calls), with the default entities registered next to yours;
 * each call works on its own `em.fork()`. It never creates tables: use migrations or the schema
 * generator. A MikroORM 5/6 option such as `type: "sqlite"` is refused with what to write instead.
 *
 * @param ormOptions MikroORM options (MikroORM 7: `driver`, not `type`), or an initialised
 *   `MikroORM`, which the adapter then uses as it is and never closes.
 * @param options `entities` to replace some of the default entities.
 */
export function MikroOrmAdapter(ormOptions_: Options | MikroORM, options: MikroOrmAdapterOptions = {}): Adapter {
  let store: Promise<Store> | undefined;

  async function open(): Promise<Store> {
    let orm: MikroORM;
    let entities: AdapterEntities;
    if (isMikroOrm(ormOptions_)) {
      orm = ormOptions_;
      entities = resolveEntities([], options.entities);
    } else {
      entities = resolveEntities(ormOptions_.entities ?? [], options.entities);
      const config = ormOptions(ormOptions_, entities);
      orm = await withUserEntity(entities.User === defaultEntities.User ? undefined : (entities.User as never), () => MikroORM.init(config));
    }
    // Queries go through the ORM's kysely client, which does not connect by itself (and on
    // SQLite, connecting is what switches foreign keys, hence cascades, on).
    if (!(await orm.isConnected())) await orm.connect();
    const em = orm.em as unknown as { getKysely?: () => AnyKysely };
    if (typeof em.getKysely !== 'function')
      throw new MikroOrmAdapterError('MikroOrmAdapter needs a SQL driver (MikroORM 7 SQL drivers expose getKysely()); this one does not.');
    const db = em.getKysely();
    const platform = orm.em.getPlatform();
    const convertError = (error: unknown): unknown => (error instanceof Error ? orm.em.getDriver().convertException(error) : error);
    const metadata = orm.getMetadata();
    const find = (role: Role): EntityMetadata | undefined => {
      const entity = entities[role];
      return metadata.find(entity as never) ?? [...metadata.getAll().values()].find((meta) => meta.className === role);
    };
    const tables = {} as Record<Role, Table | undefined>;
    for (const role of ROLES) {
      const meta = find(role);
      // Every non-hidden property comes back, as upstream returns it: sessions and accounts with their `id`.
      tables[role] = meta && new Table({ db, platform, meta, convertError });
    }
    return { tables, db };
  }

  /** The ORM starts on the first call, once, however many calls arrive together; a failure lets the next call retry. */
  const ready = (): Promise<Store> =>
    (store ??= open().catch((error: unknown) => {
      store = undefined;
      throw error;
    }));

  async function table(role: Role): Promise<Table> {
    const found = (await ready()).tables[role];
    if (!found) throw new MikroOrmAdapterError(`No ${role} entity is registered with MikroORM: add defaultEntities.${role} (or yours) to its entities`);
    return found;
  }

  /** A new instance of the role's entity class: its property initialisers are the row's defaults. */
  function defaults(t: Table): Row {
    const entity = t.meta.class as unknown as new () => Row;
    try {
      return entity.length === 0 ? { ...new entity() } : {};
    } catch {
      return {};
    }
  }

  /** Inserts a row; a missing user becomes an error saying what could not be created for whom. */
  async function insert(role: Role, values: object, what?: string): Promise<Row> {
    const t = await table(role);
    try {
      return await t.insert({ ...values }, defaults(t));
    } catch (error) {
      const userId = (values as { userId?: string }).userId;
      if (what && error instanceof ForeignKeyConstraintViolationException) {
        throw new MikroOrmAdapterError(`${what}: user ${userId} does not exist`, { cause: error });
      }
      throw error;
    }
  }

  async function joinedUser(role: 'Account' | 'Session', where: Where): Promise<{ row: Row; user: Row } | null> {
    const from = await table(role);
    const users = await table('User');
    const userKey = users.meta.primaryKeys[0] ?? 'id';
    const query = sql`SELECT ${sql.raw(from.selectList('a', 'a'))}, ${sql.raw(users.selectList('u', 'b'))} FROM ${sql.raw(from.quotedTable)} a JOIN ${sql.raw(users.quotedTable)} u ON ${sql.raw(users.column(userKey, 'u'))} = ${sql.raw(from.column('userId', 'a'))} WHERE ${from.condition(where, 'a')}`;
    const [found] = await from.rows(query);
    return found ? { row: from.fromRow(found, 'a'), user: users.fromRow(found, 'b') } : null;
  }

  return {
    async createUser(user: AdapterUser) {
      return (await insert('User', user)) as unknown as AdapterUser;
    },
    async getUser(id: string) {
      return (await (await table('User')).findOne({ id })) as AdapterUser | null;
    },
    async getUserByEmail(email: string) {
      return (await (await table('User')).findOne({ email })) as AdapterUser | null;
    },
    async getUserByAccount({ provider, providerAccountId }: Pick<AdapterAccount, 'provider' | 'providerAccountId'>) {
      return ((await joinedUser('Account', { provider, providerAccountId }))?.user ?? null) as AdapterUser | null;
    },
    async updateUser({ id, ...changes }: Partial<AdapterUser> & Pick<AdapterUser, 'id'>) {
      const updated = await (await table('User')).update({ id }, changes);
      if (!updated) throw new MikroOrmAdapterError(`Cannot update user ${id}: no such user`);
      return updated as unknown as AdapterUser;
    },
    // Accounts, sessions and authenticators go with the user: ON DELETE CASCADE.
    async deleteUser(id: string) {
      return (await (await table('User')).remove({ id })) as AdapterUser | null;
    },
    async linkAccount(account: AdapterAccount) {
      return (await insert('Account', account, `Cannot link ${account.provider} account ${account.providerAccountId}`)) as unknown as AdapterAccount;
    },
    async unlinkAccount({ provider, providerAccountId }: Pick<AdapterAccount, 'provider' | 'providerAccountId'>) {
      return ((await (await table('Account')).remove({ provider, providerAccountId })) ?? undefined) as AdapterAccount | undefined;
    },
    async createSession(session: AdapterSession) {
      return (await insert('Session', session, 'Cannot create a session')) as unknown as AdapterSession;
    },
    async getSessionAndUser(sessionToken: string) {
      const found = await joinedUser('Session', { sessionToken });
      return found ? { session: found.row as unknown as AdapterSession, user: found.user as unknown as AdapterUser } : null;
    },
    async updateSession({ sessionToken, ...changes }: Partial<AdapterSession> & Pick<AdapterSession, 'sessionToken'>) {
      return (await (await table('Session')).update({ sessionToken }, changes)) as AdapterSession | null;
    },
    async deleteSession(sessionToken: string) {
      return (await (await table('Session')).remove({ sessionToken })) as AdapterSession | null;
    },
    async createVerificationToken(token: VerificationToken) {
      return (await insert('VerificationToken', token)) as unknown as VerificationToken;
    },
    // Deletes exactly this token, and only one caller gets it back: single use.
    async useVerificationToken({ identifier, token }: { identifier: string; token: string }) {
      return (await (await table('VerificationToken')).remove({ identifier, token })) as VerificationToken | null;
    },
    async getAccount(providerAccountId: string, provider: string) {
      return (await (await table('Account')).findOne({ provider, providerAccountId })) as AdapterAccount | null;
    },
    async createAuthenticator(authenticator: AdapterAuthenticator) {
      return (await insert('Authenticator', authenticator, `Cannot create authenticator ${authenticator.credentialID}`)) as unknown as AdapterAuthenticator;
    },
    async getAuthenticator(credentialID: string) {
      return (await (await table('Authenticator')).findOne({ credentialID })) as AdapterAuthenticator | null;
    },
    async listAuthenticatorsByUserId(userId: string) {
      return (await (await table('Authenticator')).findAll({ userId })) as unknown as AdapterAuthenticator[];
    },
    async updateAuthenticatorCounter(credentialID: string, counter: number) {
      const updated = await (await table('Authenticator')).update({ credentialID }, { counter });
      if (!updated) throw new MikroOrmAdapterError(`Cannot update the counter of authenticator ${credentialID}: no such authenticator`);
      return updated as unknown as AdapterAuthenticator;
    },
  };
}
