// auth.ts of a Next.js app: Auth.js with GitHub and e-mail links. The adapter is where Auth.js
// keeps what it must remember between requests.
import NextAuth from "next-auth"
import GitHub from "next-auth/providers/github"
import Nodemailer from "next-auth/providers/nodemailer"
import { Sequelize } from "sequelize"
import SequelizeAdapter from "@adapter-lab/sequelize-adapter"

// The playground runs any connection string on SQLite in your browser.
const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })

export const { handlers, auth, signIn, signOut } = NextAuth({
  // Outside production, the first call creates the five tables (users, accounts, sessions,
  // verification_tokens, authenticators).
  adapter: SequelizeAdapter(sequelize),
  // The playground simulates GitHub and the mail server: nothing leaves your browser.
  providers: [GitHub, Nodemailer({ server: process.env.EMAIL_SERVER, from: process.env.EMAIL_FROM })],
})
