// One MikroORM per process, for your app's queries and for the adapter.
import { MikroORM, defineConfig } from "@mikro-orm/postgresql"
import { ReflectMetadataProvider } from "@mikro-orm/decorators/legacy"
import { defaultEntities, withUserEntity } from "@adapter-lab/mikro-orm-adapter"
import { User } from "./entities"

const { Account, Session, VerificationToken, Authenticator } = defaultEntities

// fix: the docs import an unshown config; typed as MikroORM 7's `Options` it would not compile
// (required keys): build it with defineConfig, which also sets the driver.
export const config = defineConfig({
  clientUrl: process.env.DATABASE_CONNECTION_STRING,
  // Your User instead of the default one, next to the other four defaults.
  entities: [User, Account, Session, VerificationToken, Authenticator],
  // MikroORM 7 reads decorator metadata only when told to (the User entity relies on it).
  metadataProvider: ReflectMetadataProvider,
})

// Kept on globalThis: hot reloading re-evaluates this module, and must not start a second ORM.
// withUserEntity points the default Account, Session and Authenticator at your User while
// MikroORM discovers them.
const globalForOrm = globalThis as unknown as { orm?: Promise<MikroORM> }
export const orm = await (globalForOrm.orm ??= withUserEntity(User, () => MikroORM.init(config)))
