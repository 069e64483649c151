// The tables as @auth/sequelize-adapter 2.x creates them (its models, synced), with a user
// who signed in with GitHub before the switch.
import { DataTypes, type Sequelize } from "sequelize"

export async function createLegacyDatabase(sequelize: Sequelize) {
  const options = { underscored: true, timestamps: false }
  const User = sequelize.define("legacyUser", {
    id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true },
    name: { type: DataTypes.STRING },
    email: { type: DataTypes.STRING, unique: "email" },
    emailVerified: { type: DataTypes.DATE },
    image: { type: DataTypes.STRING },
  }, { ...options, tableName: "users" })
  const Account = sequelize.define("legacyAccount", {
    id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true },
    type: { type: DataTypes.STRING, allowNull: false },
    provider: { type: DataTypes.STRING, allowNull: false },
    providerAccountId: { type: DataTypes.STRING, allowNull: false },
    refresh_token: { type: DataTypes.STRING },
    access_token: { type: DataTypes.STRING },
    expires_at: { type: DataTypes.INTEGER },
    token_type: { type: DataTypes.STRING },
    scope: { type: DataTypes.STRING },
    id_token: { type: DataTypes.TEXT },
    session_state: { type: DataTypes.STRING },
  }, { ...options, tableName: "accounts" })
  const Session = sequelize.define("legacySession", {
    id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true },
    expires: { type: DataTypes.DATE, allowNull: false },
    sessionToken: { type: DataTypes.STRING, unique: "sessionToken", allowNull: false },
  }, { ...options, tableName: "sessions" })
  sequelize.define("legacyVerificationToken", {
    token: { type: DataTypes.STRING, primaryKey: true },
    identifier: { type: DataTypes.STRING, allowNull: false },
    expires: { type: DataTypes.DATE, allowNull: false },
  }, { ...options, tableName: "verification_tokens" })
  Account.belongsTo(User, { foreignKey: "userId", onDelete: "cascade" })
  Session.belongsTo(User, { foreignKey: "userId", onDelete: "cascade" })
  await sequelize.sync()

  const userId = "c8a3f5e0-3b7e-4d0a-9a44-2f9a9d1c6b01"
  await User.create({ id: userId, name: "Ada Lovelace", email: "ada@example.com" })
  await Account.create({ userId, type: "oauth", provider: "github", providerAccountId: "583231", access_token: "gho_16C7e42F292c6912E7710c838347Ae178B4a" })
  await Session.create({ userId, sessionToken: "9f3c1a52-8d0b-4e0f-b1a7-3e5d2c4b6a90", expires: new Date("2030-01-01T00:00:00.000Z") })
  // The legacy models only served this set-up: the adapter brings its own.
  for (const name of ["legacySession", "legacyAccount", "legacyVerificationToken", "legacyUser"]) sequelize.modelManager.removeModel(sequelize.model(name))
}
