// The adapter part of an Auth.js configuration (auth.ts in a Next.js app).
import { Sequelize } from "sequelize"
import SequelizeAdapter from "@adapter-lab/sequelize-adapter"

// Your app connects to its database server; the playground runs every connection on SQLite in
// your browser. The SQL panel shows each statement, so Sequelize's own logging is off.
export const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })

// `synchronize` (on by default, except in production) creates the tables on the first call.
export const adapter = SequelizeAdapter(sequelize)
