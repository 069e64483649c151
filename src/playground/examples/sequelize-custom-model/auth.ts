// The official Auth.js docs' "Using custom models" example for the Sequelize adapter, as
// written there (it imports @auth/sequelize-adapter; the playground serves ours under that name).
import SequelizeAdapter, { models } from "@auth/sequelize-adapter"
import { DataTypes, Sequelize } from "sequelize"

export const sequelize = new Sequelize("sqlite::memory:", { logging: false })

export const adapter = SequelizeAdapter(sequelize, {
  models: {
    // The adapter's User attributes, plus one of your own. Defined without
    // `{ underscored: true, timestamps: false }`, as in the docs: the new column is
    // camelCase and Sequelize adds createdAt/updatedAt (see the Schema tab).
    User: sequelize.define("user", {
      ...models.User,
      phoneNumber: DataTypes.STRING,
    }),
  },
})
