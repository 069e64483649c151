// The official Auth.js docs' "Using custom models" example for the Sequelize adapter, as written
// there but for two changes marked "here:" (it imports @auth/sequelize-adapter; the playground
// serves ours under that name). Run it: Auth.js's first request creates the tables. The User
// model is defined without `{ underscored: true, timestamps: false }`, so its new column is
// camelCase (phoneNumber) and Sequelize adds createdAt/updatedAt (Schema tab).
import NextAuth from "next-auth"
import SequelizeAdapter, { models } from "@auth/sequelize-adapter"
// here: the docs' `import Sequelize, { DataTypes }` runs, but Sequelize's types have no default export
import { DataTypes, Sequelize } from "sequelize"

// here: no logging, the SQL panel shows each statement
const sequelize = new Sequelize("sqlite::memory:", { logging: false })

export default NextAuth({
  // https://authjs.dev/reference/providers/
  providers: [],
  adapter: SequelizeAdapter(sequelize, {
    models: {
      User: sequelize.define("user", {
        ...models.User,
        phoneNumber: DataTypes.STRING,
      }),
    },
  }),
})
