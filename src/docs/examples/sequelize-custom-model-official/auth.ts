// The official Auth.js docs' "Using custom models" example, as written there (it imports
// @auth/sequelize-adapter; the playground serves @adapter-lab/sequelize-adapter under that name).
import SequelizeAdapter, { models } from "@auth/sequelize-adapter"
import { DataTypes, Sequelize } from "sequelize"

export const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })

export const adapter = SequelizeAdapter(sequelize, {
  models: {
    // No { underscored: true, timestamps: false }: Sequelize's defaults apply to this model.
    User: sequelize.define("user", {
      ...models.User,
      phoneNumber: DataTypes.STRING,
    }),
  },
})
