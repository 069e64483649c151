// migrations/20260201000000-upgrade-from-auth-sequelize-adapter.ts: brings tables made by
// @auth/sequelize-adapter up to this adapter's schema. Runs with sequelize-cli or umzug.
import { DataTypes, type QueryInterface } from "sequelize"

export async function up(queryInterface: QueryInterface) {
  // OAuth tokens of any length (VARCHAR(255) before). SQLite ignores lengths: nothing to change.
  if (queryInterface.sequelize.getDialect() !== "sqlite") {
    for (const column of ["access_token", "refresh_token", "id_token"]) {
      await queryInterface.changeColumn("accounts", column, { type: DataTypes.TEXT })
    }
  }

  // One account per provider account (fails if duplicates exist), and the lookup indexes.
  await queryInterface.addIndex("accounts", ["provider", "provider_account_id"], { unique: true, name: "accounts_provider_provider_account_id" })
  await queryInterface.addIndex("accounts", ["user_id"], { name: "accounts_user_id" })
  await queryInterface.addIndex("sessions", ["user_id"], { name: "sessions_user_id" })
  await queryInterface.addIndex("verification_tokens", ["identifier"], { name: "verification_tokens_identifier" })

  // Passkeys.
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

export async function down(queryInterface: QueryInterface) {
  await queryInterface.dropTable("authenticators")
  await queryInterface.removeIndex("verification_tokens", "verification_tokens_identifier")
  await queryInterface.removeIndex("sessions", "sessions_user_id")
  await queryInterface.removeIndex("accounts", "accounts_user_id")
  await queryInterface.removeIndex("accounts", "accounts_provider_provider_account_id")
}
