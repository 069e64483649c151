import { Sequelize } from "sequelize"
import SequelizeAdapter from "@adapter-lab/sequelize-adapter"

const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })
SequelizeAdapter(sequelize) // defines the adapter's models on `sequelize`
await sequelize.sync() // creates their tables, keys and indexes where missing
await sequelize.close()
