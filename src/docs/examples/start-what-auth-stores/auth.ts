// The adapter part of an Auth.js configuration. In a Next.js app this object is what you pass
// as `adapter` to NextAuth({ adapter, providers }).
import { Sequelize } from "sequelize"
import SequelizeAdapter from "@adapter-lab/sequelize-adapter"

// The playground runs any connection string on SQLite in your browser.
const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })

// Outside production, the first call creates the five tables (users, accounts, sessions,
// verification_tokens, authenticators).
export const adapter = SequelizeAdapter(sequelize)
