/**
 * Auth.js adapter for Sequelize 6 — drop-in compatible with `@auth/sequelize-adapter` (same API,
 * same tables and columns), plus WebAuthn, TEXT tokens, the missing indexes, atomic
 * single-statement methods, and plain-object results.
 *
 * ```ts
 * import SequelizeAdapter from "@adapter-lab/sequelize-adapter"
 * const sequelize = new Sequelize(process.env.DATABASE_URL)
 * export const { handlers, auth } = NextAuth({ adapter: SequelizeAdapter(sequelize), providers: [] })
 * ```
 */
import type { Adapter, AdapterAccount, AdapterAuthenticator, AdapterSession, AdapterUser, VerificationToken } from '@auth/core/adapters';
import { ForeignKeyConstraintError, type Sequelize } from 'sequelize';
import { setUpModels, type AnyModel } from './models-setup.ts';
import { lazySynchronizer } from './synchronize.ts';
import { Database, Table, type Row } from './table.ts';

export * as models from './models.ts';

/** The second argument of `SequelizeAdapter`; every option is optional. */
export interface SequelizeAdapterOptions {
  /**
   * Create the adapter's missing tables on its first call (default `true`). Never in
   * production (`NODE_ENV === "production"`): there, run migrations or `sequelize.sync()`.
   */
  synchronize?: boolean;
  /** Your own models, each replacing ours for the same record; their tables and associations are used as given. */
  models?: Partial<{
    User: AnyModel;
    Account: AnyModel;
    Session: AnyModel;
    VerificationToken: AnyModel;
    Authenticator: AnyModel;
  }>;
}

/** Thrown for requests that cannot be carried out, with the ids involved. */
export class SequelizeAdapterError extends Error {
  override readonly name = 'SequelizeAdapterError';
}

/**
 * An Auth.js adapter that stores users, accounts, sessions, verification tokens and WebAuthn
 * authenticators through `client`. The models are defined on `client` when the adapter is
 * created (yours from `options.models`, ours for the rest); the tables are created on the first
 * call unless `synchronize` is `false` or `NODE_ENV` is `"production"`.
 *
 * @param client The Sequelize instance of your app, connected to your database.
 * @param options `models` to replace some of ours, and `synchronize`.
 */
export default function SequelizeAdapter(client: Sequelize, options: SequelizeAdapterOptions = {}): Adapter {
  const models = setUpModels(client, options.models);
  const synchronize = lazySynchronizer(client, models, options.synchronize ?? true);
  const db = new Database(client);
  // Every column comes back, as upstream returns it: sessions and accounts with their `id`.
  const users = new Table(db, models.User);
  const accounts = new Table(db, models.Account);
  const sessions = new Table(db, models.Session);
  const tokens = new Table(db, models.VerificationToken);
  const authenticators = new Table(db, models.Authenticator);

  /** Every method first makes sure the tables exist (a resolved promise after the first time). */
  const ready =
    <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await synchronize();
      return method(...args);
    };

  /** The user of the row found by one JOIN, or of two lookups when a model needs its own methods. */
  const joinedUser = async (from: Table, fromAlias: string, where: Record<string, string>): Promise<{ row: Row; user: Row } | null> => {
    if (!from.plain || !users.plain) {
      const row = await from.findOne(where);
      const user = row && (await users.findOne({ id: String(row['userId']) }));
      return row && user ? { row, user } : null;
    }
    const sql =
      `SELECT ${from.selectList(fromAlias, 'a')}, ${users.selectList('u', 'b')} FROM ${from.quotedTable} ${fromAlias}` +
      ` JOIN ${users.quotedTable} u ON ${users.column('id', 'u')} = ${from.column('userId', fromAlias)}` +
      ` WHERE ${from.condition(where, fromAlias)}`;
    const [found] = await db.select(
      sql,
      Object.values(where).map((value, i) => {
        if (value === undefined || value === null)
          throw new TypeError(`Cannot look up ${from.model.name} by ${Object.keys(where)[i]}: no ${Object.keys(where)[i]} given`);
        return value;
      }),
    );
    return found ? { row: from.fromRow(found, 'a'), user: users.fromRow(found, 'b') } : null;
  };

  return {
    createUser: ready(async (user: AdapterUser) => (await users.insert({ ...user })) as unknown as AdapterUser),

    getUser: ready(async (id: string) => (await users.findOne({ id })) as AdapterUser | null),

    getUserByEmail: ready(async (email: string) => (await users.findOne({ email })) as AdapterUser | null),

    getUserByAccount: ready(
      async ({ provider, providerAccountId }: Pick<AdapterAccount, 'provider' | 'providerAccountId'>) =>
        ((await joinedUser(accounts, 'a', { provider, providerAccountId }))?.user ?? null) as AdapterUser | null,
    ),

    updateUser: ready(async ({ id, ...changes }: Partial<AdapterUser> & Pick<AdapterUser, 'id'>) => {
      const updated = await users.update({ id }, changes);
      if (!updated) throw new SequelizeAdapterError(`Cannot update user ${id}: no such user`);
      return updated as unknown as AdapterUser;
    }),

    // Accounts, sessions and authenticators go with the user: ON DELETE CASCADE.
    deleteUser: ready(async (id: string) => (await users.remove({ id })) as AdapterUser | null),

    linkAccount: ready(async (account: AdapterAccount) => {
      try {
        return (await accounts.insert({ ...account })) as unknown as AdapterAccount;
      } catch (error) {
        if (error instanceof ForeignKeyConstraintError) {
          throw new SequelizeAdapterError(`Cannot link ${account.provider} account ${account.providerAccountId}: user ${account.userId} does not exist`, {
            cause: error,
          });
        }
        throw error;
      }
    }),

    unlinkAccount: ready(
      async ({ provider, providerAccountId }: Pick<AdapterAccount, 'provider' | 'providerAccountId'>) =>
        ((await accounts.remove({ provider, providerAccountId })) ?? undefined) as AdapterAccount | undefined,
    ),

    createSession: ready(async (session: AdapterSession) => {
      try {
        return (await sessions.insert({ ...session })) as unknown as AdapterSession;
      } catch (error) {
        if (error instanceof ForeignKeyConstraintError) {
          throw new SequelizeAdapterError(`Cannot create a session for user ${session.userId}: no such user`, { cause: error });
        }
        throw error;
      }
    }),

    getSessionAndUser: ready(async (sessionToken: string) => {
      const found = await joinedUser(sessions, 's', { sessionToken });
      return found ? { session: found.row as unknown as AdapterSession, user: found.user as unknown as AdapterUser } : null;
    }),

    updateSession: ready(
      async ({ sessionToken, ...changes }: Partial<AdapterSession> & Pick<AdapterSession, 'sessionToken'>) =>
        (await sessions.update({ sessionToken }, changes)) as AdapterSession | null,
    ),

    deleteSession: ready(async (sessionToken: string) => (await sessions.remove({ sessionToken })) as AdapterSession | null),

    createVerificationToken: ready(async (token: VerificationToken) => (await tokens.insert({ ...token })) as unknown as VerificationToken),

    // Deletes exactly this token, and only one caller gets it back: single use.
    useVerificationToken: ready(
      async ({ identifier, token }: { identifier: string; token: string }) => (await tokens.remove({ identifier, token })) as VerificationToken | null,
    ),

    getAccount: ready(
      async (providerAccountId: string, provider: string) => (await accounts.findOne({ provider, providerAccountId })) as AdapterAccount | null,
    ),

    createAuthenticator: ready(async (authenticator: AdapterAuthenticator) => {
      try {
        return (await authenticators.insert({ ...authenticator })) as unknown as AdapterAuthenticator;
      } catch (error) {
        if (error instanceof ForeignKeyConstraintError) {
          throw new SequelizeAdapterError(`Cannot create authenticator ${authenticator.credentialID}: user ${authenticator.userId} does not exist`, {
            cause: error,
          });
        }
        throw error;
      }
    }),

    getAuthenticator: ready(async (credentialID: string) => (await authenticators.findOne({ credentialID })) as AdapterAuthenticator | null),

    listAuthenticatorsByUserId: ready(async (userId: string) => (await authenticators.findAll({ userId })) as unknown as AdapterAuthenticator[]),

    updateAuthenticatorCounter: ready(async (credentialID: string, counter: number) => {
      const updated = await authenticators.update({ credentialID }, { counter });
      if (!updated) throw new SequelizeAdapterError(`Cannot update the counter of authenticator ${credentialID}: no such authenticator`);
      return updated as unknown as AdapterAuthenticator;
    }),
  };
}
