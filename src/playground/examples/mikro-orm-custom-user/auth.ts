import { MikroORM } from "@mikro-orm/core"
import { SqliteDriver } from "@mikro-orm/sqlite"
import { MikroOrmAdapter, defaultEntities, withUserEntity } from "@adapter-lab/mikro-orm-adapter"
import { User } from "./entities"

export const config = { driver: SqliteDriver, dbName: "app.db" }

// The tables: your User in place of the default one, next to the other default entities
// (withUserEntity points their relations at it). A real app runs migrations instead.
const { Account, Session, VerificationToken, Authenticator } = defaultEntities
const orm = await withUserEntity(User, () => MikroORM.init({ ...config, entities: [User, Account, Session, VerificationToken, Authenticator] }))
await orm.schema.update()
await orm.close()

// As in the docs: the adapter uses your User entity instead of its own.
export const adapter = MikroOrmAdapter(config, { entities: { User } })
