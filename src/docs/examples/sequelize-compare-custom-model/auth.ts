// The official docs' custom model, defined without `underscored`: compare mode runs it with this
// site's adapter and with the published @auth/sequelize-adapter, and the Compare tab shows the
// users table's columns differ (email_verified here, emailVerified there).
import NextAuth from "next-auth"
import SequelizeAdapter, { models } from "@auth/sequelize-adapter"
import { DataTypes, Sequelize } from "sequelize"

const sequelize = new Sequelize("sqlite::memory:", { logging: false })

export default NextAuth({
  providers: [],
  adapter: SequelizeAdapter(sequelize, {
    models: {
      User: sequelize.define("user", { ...models.User, phoneNumber: DataTypes.STRING }),
    },
  }),
})
