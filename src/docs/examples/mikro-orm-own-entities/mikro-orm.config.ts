// One MikroORM config for your app, its migrations and the adapter.
import { defineConfig } from "@mikro-orm/postgresql"
import { defaultEntities } from "@adapter-lab/mikro-orm-adapter"
import { Post } from "./post"

export default defineConfig({
  clientUrl: process.env.DATABASE_CONNECTION_STRING,
  // Your entities next to the adapter's five (User, Account, Session, VerificationToken, Authenticator).
  entities: [Post, ...Object.values(defaultEntities)],
  // For migrations, add: extensions: [Migrator] (from @mikro-orm/migrations).
})
