// The adapter never creates tables itself: your code (or your migrations) does, once.
import { Sequelize } from "sequelize"
import SequelizeAdapter from "@adapter-lab/sequelize-adapter"

export const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })

// Defines the five models on `sequelize` right away, so sequelize.sync() sees them.
export const adapter = SequelizeAdapter(sequelize, { synchronize: false })
