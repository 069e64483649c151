// The adapter with its default models: five tables, created on the first call.
import { Sequelize } from "sequelize"
import SequelizeAdapter from "@adapter-lab/sequelize-adapter"

export const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })

export const adapter = SequelizeAdapter(sequelize)
