// The adapter with two of its five entities replaced, by role.
import { MikroORM } from "@mikro-orm/core"
import { PostgreSqlDriver } from "@mikro-orm/postgresql"
import { MikroOrmAdapter, defaultEntities, withUserEntity } from "@adapter-lab/mikro-orm-adapter"
import { Session, User } from "./entities"

// No metadataProvider: the entities declare their types.
export const config = {
  driver: PostgreSqlDriver,
  clientUrl: process.env.DATABASE_CONNECTION_STRING,
}

export const adapter = MikroOrmAdapter(config, { entities: { User, Session } })

// The tables (a real app: migrations). Account and Authenticator stay the defaults, pointed at
// your User by withUserEntity.
const { Account, VerificationToken, Authenticator } = defaultEntities
const orm = await withUserEntity(User, () =>
  MikroORM.init({ ...config, entities: [User, Session, Account, VerificationToken, Authenticator] }),
)
await orm.schema.update()
await orm.close()
