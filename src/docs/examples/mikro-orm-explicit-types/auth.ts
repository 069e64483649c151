// The adapter with two of its five entities replaced: User and Session.
import { defineConfig } from "@mikro-orm/postgresql"
import { MikroOrmAdapter } from "@adapter-lab/mikro-orm-adapter"
import { Session, User } from "./entities"

// No metadataProvider: the entities declare their types.
export const config = defineConfig({
  clientUrl: process.env.DATABASE_CONNECTION_STRING,
})

// The adapter starts MikroORM on its first call, with your User and Session and the default
// Account, VerificationToken and Authenticator (pointed at your User).
export const adapter = MikroOrmAdapter(config, { entities: { User, Session } })
