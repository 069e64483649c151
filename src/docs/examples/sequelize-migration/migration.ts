// migrations/2026.01.01T00.00.00.create-auth-tables.ts — an umzug migration (umzug passes
// { name, path, context }); the same body works in a sequelize-cli migration.
import { DataTypes, type QueryInterface } from "sequelize"

export async function up({ context: queryInterface }: { context: QueryInterface }) {
  await queryInterface.createTable("users", {
    id: { type: DataTypes.UUID, primaryKey: true },
    name: { type: DataTypes.STRING },
    email: { type: DataTypes.STRING },
    email_verified: { type: DataTypes.DATE },
    image: { type: DataTypes.STRING },
  }, { uniqueKeys: { email: { fields: ["email"] } } })

  await queryInterface.createTable("accounts", {
    id: { type: DataTypes.UUID, primaryKey: true },
    type: { type: DataTypes.STRING, allowNull: false },
    provider: { type: DataTypes.STRING, allowNull: false },
    provider_account_id: { type: DataTypes.STRING, allowNull: false },
    refresh_token: { type: DataTypes.TEXT },
    access_token: { type: DataTypes.TEXT },
    expires_at: { type: DataTypes.INTEGER },
    token_type: { type: DataTypes.STRING },
    scope: { type: DataTypes.STRING },
    id_token: { type: DataTypes.TEXT },
    session_state: { type: DataTypes.STRING },
    user_id: {
      type: DataTypes.UUID,
      references: { model: "users", key: "id" },
      onDelete: "CASCADE",
      onUpdate: "CASCADE",
    },
  })
  await queryInterface.addIndex("accounts", ["provider", "provider_account_id"], { unique: true, name: "accounts_provider_provider_account_id" })
  await queryInterface.addIndex("accounts", ["user_id"], { name: "accounts_user_id" })

  await queryInterface.createTable("sessions", {
    id: { type: DataTypes.UUID, primaryKey: true },
    expires: { type: DataTypes.DATE, allowNull: false },
    session_token: { type: DataTypes.STRING, allowNull: false },
    user_id: {
      type: DataTypes.UUID,
      references: { model: "users", key: "id" },
      onDelete: "CASCADE",
      onUpdate: "CASCADE",
    },
  }, { uniqueKeys: { sessionToken: { fields: ["session_token"] } } })
  await queryInterface.addIndex("sessions", ["user_id"], { name: "sessions_user_id" })

  await queryInterface.createTable("verification_tokens", {
    token: { type: DataTypes.STRING, primaryKey: true },
    identifier: { type: DataTypes.STRING, allowNull: false },
    expires: { type: DataTypes.DATE, allowNull: false },
  })
  await queryInterface.addIndex("verification_tokens", ["identifier"], { name: "verification_tokens_identifier" })

  await queryInterface.createTable("authenticators", {
    credential_id: { type: DataTypes.STRING, primaryKey: true },
    user_id: {
      type: DataTypes.UUID,
      allowNull: false,
      references: { model: "users", key: "id" },
      onDelete: "CASCADE",
      onUpdate: "CASCADE",
    },
    provider_account_id: { type: DataTypes.STRING, allowNull: false },
    credential_public_key: { type: DataTypes.TEXT, allowNull: false },
    counter: { type: DataTypes.INTEGER, allowNull: false },
    credential_device_type: { type: DataTypes.STRING, allowNull: false },
    credential_backed_up: { type: DataTypes.BOOLEAN, allowNull: false },
    transports: { type: DataTypes.STRING },
  })
  await queryInterface.addIndex("authenticators", ["user_id"], { name: "authenticators_user_id" })
}

export async function down({ context: queryInterface }: { context: QueryInterface }) {
  // Referencing tables first.
  await queryInterface.dropTable("authenticators")
  await queryInterface.dropTable("sessions")
  await queryInterface.dropTable("accounts")
  await queryInterface.dropTable("verification_tokens")
  await queryInterface.dropTable("users")
}
