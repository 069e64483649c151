import { Sequelize } from "sequelize"
import SequelizeAdapter from "@adapter-lab/sequelize-adapter"

const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })

// `synchronize` (default true, skipped when NODE_ENV=production) creates the tables on the first call.
export const adapter = SequelizeAdapter(sequelize)
