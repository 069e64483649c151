// The official Auth.js docs' adapter snippets, pasted into a playground's auth.ts as a reader
// would: the Sequelize page's basic setup and custom model, and the MikroORM page's example and
// custom User entity (https://authjs.dev/getting-started/adapters/sequelize and …/mikro-orm).
// As written there, but for the MikroORM entity's errors, each marked "fix:" (only those: the
// entity corrected for MikroORM 7 is src/playground/examples/mikro-orm-custom-user/entities.ts,
// which the docs show). Shared by the Node
// test (tests/unit/playground/official-snippets.test.ts) and the browser test
// (tests/browser/playground-official-snippets.test.ts).
import type { OrmId } from '../../src/playground/protocol.ts';

export interface OfficialSnippet {
  readonly name: string;
  readonly orm: OrmId;
  readonly auth: string;
  /** Tables the snippet must leave, with columns each must have. */
  readonly tables: Readonly<Record<string, readonly string[]>>;
  /** Where the published package leaves other columns than ours ("@auth (official)" chosen): those tables' columns. */
  readonly officialTables?: Readonly<Record<string, readonly string[]>>;
}

const SEQUELIZE_BASIC = `import NextAuth from "next-auth"
import SequelizeAdapter from "@auth/sequelize-adapter"
import { Sequelize } from "sequelize"

// https://sequelize.org/master/manual/getting-started.html#connecting-to-a-database
const sequelize = new Sequelize("yourconnectionstring")

// For more information on each option (and a full list of options) go to
// https://authjs.dev/reference/configuration/auth-config
export default NextAuth({
  // https://authjs.dev/reference/providers/
  providers: [],
  adapter: SequelizeAdapter(sequelize),
})
`;

const SEQUELIZE_CUSTOM_MODEL = `import NextAuth from "next-auth"
import SequelizeAdapter, { models } from "@auth/sequelize-adapter"
import Sequelize, { DataTypes } from "sequelize"

const sequelize = new Sequelize("sqlite::memory:")

export default NextAuth({
  // https://authjs.dev/reference/providers/
  providers: [],
  adapter: SequelizeAdapter(sequelize, {
    models: {
      User: sequelize.define("user", {
        ...models.User,
        phoneNumber: DataTypes.STRING,
      }),
    },
  }),
})
`;

const MIKRO_ORM_BASIC = `import NextAuth from "next-auth"
import { MikroOrmAdapter } from "@auth/mikro-orm-adapter"

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: MikroOrmAdapter({
    // MikroORM options object - https://mikro-orm.io/docs/next/configuration#driver
    dbName: process.env.DATABASE_CONNECTION_STRING,
    type: "sqlite",
    debug: true,
  }),
  providers: [],
})
`;

const MIKRO_ORM_CUSTOM_USER = `import NextAuth from "next-auth" // fix: the docs use NextAuth without importing it
import { randomUUID } from "node:crypto" // fix: the docs call randomUUID() without importing it
import {
  Cascade,
  Collection,
  Entity,
  Enum, // fix: the docs use Enum without importing it
  OneToMany,
  PrimaryKey,
  Property,
  Unique,
} from "@mikro-orm/core"
import { MikroOrmAdapter, defaultEntities } from "@auth/mikro-orm-adapter" // fix: MikroOrmAdapter was not imported

// fix: the docs import this from "config/mikro-orm.ts", which they do not show
const config = { dbName: process.env.DATABASE_CONNECTION_STRING, type: "sqlite" }

// fix: the docs write \`const type { Account, Session }\`, which is no TypeScript
const { Account, Session } = defaultEntities
type Account = defaultEntities.Account
type Session = defaultEntities.Session

@Entity()
export class User implements defaultEntities.User {
  @PrimaryKey()
  id: string = randomUUID()

  @Property({ nullable: true })
  name?: string

  @Property({ nullable: true })
  @Unique()
  email?: string

  @Property({ type: "Date", nullable: true })
  emailVerified: Date | null = null

  @Property({ nullable: true })
  image?: string

  @OneToMany({
    entity: () => Session,
    mappedBy: (session) => session.user,
    hidden: true,
    orphanRemoval: true,
    cascade: [Cascade.ALL],
  })
  sessions = new Collection<Session>(this)

  @OneToMany({
    entity: () => Account,
    mappedBy: (account) => account.user,
    hidden: true,
    orphanRemoval: true,
    cascade: [Cascade.ALL],
  })
  accounts = new Collection<Account>(this)

  @Enum({ hidden: true })
  role = "ADMIN"
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: MikroOrmAdapter(config, { entities: { User } }),
})
`;

const SEQUELIZE_TABLES = {
  sessions: ['id', 'expires', 'session_token', 'user_id'],
  accounts: ['id', 'type', 'provider', 'provider_account_id', 'user_id'],
  verification_tokens: ['token', 'identifier', 'expires'],
};
const MIKRO_ORM_TABLES = {
  account: ['id', 'user_id', 'type', 'provider', 'provider_account_id'],
  session: ['id', 'user_id', 'expires', 'session_token'],
  verification_token: ['token', 'identifier', 'expires'],
};

export const OFFICIAL_SNIPPETS: readonly OfficialSnippet[] = [
  {
    name: 'Sequelize: the basic setup',
    orm: 'sequelize',
    auth: SEQUELIZE_BASIC,
    tables: { users: ['id', 'name', 'email', 'email_verified', 'image'], ...SEQUELIZE_TABLES },
  },
  {
    name: 'Sequelize: the custom model with a phone number',
    orm: 'sequelize',
    auth: SEQUELIZE_CUSTOM_MODEL,
    tables: { users: ['id', 'name', 'email', 'email_verified', 'image', 'phoneNumber'], ...SEQUELIZE_TABLES },
    // Upstream's model attributes have no column names: without `underscored`, camelCase, and Sequelize's timestamps.
    officialTables: { users: ['id', 'name', 'email', 'emailVerified', 'image', 'phoneNumber', 'createdAt', 'updatedAt'] },
  },
  {
    name: 'MikroORM: the example',
    orm: 'mikro-orm',
    auth: MIKRO_ORM_BASIC,
    tables: { user: ['id', 'name', 'email', 'email_verified', 'image'], ...MIKRO_ORM_TABLES },
  },
  {
    name: 'MikroORM: the custom User entity with a role',
    orm: 'mikro-orm',
    auth: MIKRO_ORM_CUSTOM_USER,
    tables: { user: ['id', 'name', 'email', 'email_verified', 'image', 'role'], ...MIKRO_ORM_TABLES },
  },
];
