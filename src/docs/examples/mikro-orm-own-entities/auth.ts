// auth.ts: one MikroORM per process, started from the config your migrations use, shared by your
// app and the adapter (which uses it as it is and never closes it).
import NextAuth from "next-auth"
import GitHub from "next-auth/providers/github"
import { MikroORM } from "@mikro-orm/postgresql"
import { MikroOrmAdapter } from "@adapter-lab/mikro-orm-adapter"
import config from "./mikro-orm.config"

export const orm = await MikroORM.init(config)

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: MikroOrmAdapter(orm),
  providers: [GitHub],
})
