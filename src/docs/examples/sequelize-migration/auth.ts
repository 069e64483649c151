// The app: tables come from migrations, so the adapter does not create any.
import { Sequelize } from "sequelize"
import SequelizeAdapter from "@adapter-lab/sequelize-adapter"

export const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })

export const adapter = SequelizeAdapter(sequelize, { synchronize: false })
