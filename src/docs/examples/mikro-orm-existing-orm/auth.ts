// auth.ts: the initialised ORM instead of options. The adapter uses it as it is (one connection
// pool for your app and Auth.js) and never closes it.
import NextAuth from "next-auth"
import GitHub from "next-auth/providers/github"
import { MikroOrmAdapter } from "@adapter-lab/mikro-orm-adapter"
import { orm } from "./db"

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: MikroOrmAdapter(orm),
  providers: [GitHub],
})
