// auth.ts as in a Next.js app: Auth.js with GitHub and e-mail links, its data in your database.
import NextAuth from "next-auth"
import GitHub from "next-auth/providers/github"
import Nodemailer from "next-auth/providers/nodemailer"
import { PostgreSqlDriver } from "@mikro-orm/postgresql"
import { MikroOrmAdapter } from "@adapter-lab/mikro-orm-adapter"

export const { handlers, auth, signIn, signOut } = NextAuth({
  // Your app connects to its database server; the playground runs every driver on SQLite in
  // your browser. MikroORM 7 takes the driver class (`driver`), no longer `type: "postgresql"`.
  // The adapter never creates tables (your migrations do): here the playground creates them.
  adapter: MikroOrmAdapter({ driver: PostgreSqlDriver, clientUrl: process.env.DATABASE_CONNECTION_STRING }),
  // Nothing leaves your browser: the playground simulates GitHub and the mail server.
  providers: [GitHub, Nodemailer({ server: process.env.EMAIL_SERVER, from: process.env.EMAIL_FROM })],
})
