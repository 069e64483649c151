// "Using custom models", corrected: the adapter's User attributes plus a phone number,
// defined with the same options as the adapter's own models.
import SequelizeAdapter, { models } from "@adapter-lab/sequelize-adapter"
import { DataTypes, Sequelize } from "sequelize"

export const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })

export const User = sequelize.define(
  "user",
  {
    ...models.User,
    phoneNumber: DataTypes.STRING, // underscored: true → column phone_number
  },
  // The adapter's own options: snake_case column names, no createdAt/updatedAt.
  { underscored: true, timestamps: false },
)

export const adapter = SequelizeAdapter(sequelize, { models: { User } })
