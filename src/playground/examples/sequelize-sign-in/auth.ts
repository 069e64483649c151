// auth.ts as in a Next.js app: Auth.js with GitHub and e-mail links, its data in your database.
import NextAuth from "next-auth"
import GitHub from "next-auth/providers/github"
import Nodemailer from "next-auth/providers/nodemailer"
import { Sequelize } from "sequelize"
import SequelizeAdapter from "@adapter-lab/sequelize-adapter"

// Your app connects to its database server; the playground runs every connection on SQLite in
// your browser. The SQL panel shows each statement, so Sequelize's own logging is off.
const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })

export const { handlers, auth, signIn, signOut } = NextAuth({
  // `synchronize` (on by default, except in production) creates the tables on the first call.
  adapter: SequelizeAdapter(sequelize),
  // Nothing leaves your browser: the playground simulates GitHub and the mail server.
  providers: [GitHub, Nodemailer({ server: process.env.EMAIL_SERVER, from: process.env.EMAIL_FROM })],
})
