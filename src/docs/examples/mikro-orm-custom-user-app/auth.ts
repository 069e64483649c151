// auth.ts. fix: the docs use MikroOrmAdapter and NextAuth without importing them.
import NextAuth from "next-auth"
import GitHub from "next-auth/providers/github"
import { MikroOrmAdapter } from "@adapter-lab/mikro-orm-adapter"
import { User } from "./entities"
import { orm } from "./orm"

export const { handlers, auth, signIn, signOut } = NextAuth({
  // The ORM of orm.ts, used as it is and never closed; { User } tells the adapter which entity is yours.
  adapter: MikroOrmAdapter(orm, { entities: { User } }),
  providers: [GitHub],
})
