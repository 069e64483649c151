// The adapter part of auth.ts: your MikroORM config, and the adapter with your User entity.
import { MikroORM } from "@mikro-orm/core"
import { ReflectMetadataProvider } from "@mikro-orm/decorators/legacy"
import { PostgreSqlDriver } from "@mikro-orm/postgresql"
import { MikroOrmAdapter, defaultEntities, withUserEntity } from "@adapter-lab/mikro-orm-adapter"
import { User } from "./entities"

export const config = {
  driver: PostgreSqlDriver,
  clientUrl: process.env.DATABASE_CONNECTION_STRING,
  // MikroORM 7 reads decorator metadata only when told to (the entity above relies on it).
  metadataProvider: ReflectMetadataProvider,
}

// The adapter uses your User instead of its own; Account, Session and Authenticator point at it.
export const adapter = MikroOrmAdapter(config, { entities: { User } })

// Your app's own ORM, with the same entities, for its own queries (and here: the tables, which a
// real app creates with migrations). withUserEntity points the default entities' relations at
// your User while MikroORM discovers them.
const { Account, Session, VerificationToken, Authenticator } = defaultEntities
export const orm = await withUserEntity(User, () =>
  MikroORM.init({ ...config, entities: [User, Account, Session, VerificationToken, Authenticator] }),
)
await orm.schema.update()
