// auth.ts with the custom User entity (entities.ts) on MikroORM 7.
import NextAuth from "next-auth"
import GitHub from "next-auth/providers/github"
import { SqliteDriver } from "@mikro-orm/sqlite"
import { MikroOrmAdapter } from "@adapter-lab/mikro-orm-adapter"
import { User } from "./entities"

export const { handlers, auth, signIn, signOut } = NextAuth({
  // As in the docs: the adapter uses your User entity instead of its own, and points the default
  // Account and Session at it. Your migrations create the tables; here the playground does.
  adapter: MikroOrmAdapter({ driver: SqliteDriver, dbName: "app.db" }, { entities: { User } }),
  providers: [GitHub],
})
