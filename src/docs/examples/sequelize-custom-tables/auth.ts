// Every model replaced: tables renamed with an auth_ prefix, extra columns, and the
// adapter's indexes kept (a custom model gets only what you define on it).
import SequelizeAdapter, { models } from "@adapter-lab/sequelize-adapter"
import { DataTypes, Sequelize } from "sequelize"

export const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })

const options = { underscored: true, timestamps: false } as const

export const User = sequelize.define("user", {
  ...models.User,
  role: { type: DataTypes.STRING, allowNull: false, defaultValue: "member" },
}, { ...options, tableName: "auth_users" })

export const Account = sequelize.define("account", { ...models.Account }, {
  ...options,
  tableName: "auth_accounts",
  indexes: [{ unique: true, fields: ["provider", "provider_account_id"] }, { fields: ["user_id"] }],
})

export const Session = sequelize.define("session", {
  ...models.Session,
  userAgent: DataTypes.STRING, // filled by your own code, not by Auth.js
}, { ...options, tableName: "auth_sessions", indexes: [{ fields: ["user_id"] }] })

export const VerificationToken = sequelize.define("verificationToken", { ...models.VerificationToken }, {
  ...options,
  tableName: "auth_verification_tokens",
  indexes: [{ fields: ["identifier"] }],
})

export const Authenticator = sequelize.define("authenticator", { ...models.Authenticator }, {
  ...options,
  tableName: "auth_authenticators",
  indexes: [{ fields: ["user_id"] }],
})

// The adapter adds the belongsTo(User, ON DELETE CASCADE) associations to your models.
export const adapter = SequelizeAdapter(sequelize, {
  models: { User, Account, Session, VerificationToken, Authenticator },
})
