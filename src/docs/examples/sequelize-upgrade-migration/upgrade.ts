// migrations/2026.02.01T00.00.00.upgrade-from-auth-sequelize-adapter.ts
// Brings tables created by @auth/sequelize-adapter 2.x up to this adapter's schema.
import { DataTypes, type QueryInterface } from "sequelize"

export async function up({ context: queryInterface }: { context: QueryInterface }) {
  const dialect = queryInterface.sequelize.getDialect()

  // 1. OAuth tokens of any length (VARCHAR(255) before). SQLite does not enforce lengths, and
  //    its changeColumn rebuilds the whole table: skip it there.
  if (dialect !== "sqlite") {
    for (const column of ["access_token", "refresh_token"]) {
      await queryInterface.changeColumn("accounts", column, { type: DataTypes.TEXT, allowNull: true })
    }
  }

  // 2. One account per provider account. Fails if duplicates exist: find them first with
  //    SELECT provider, provider_account_id, COUNT(*) FROM accounts GROUP BY 1, 2 HAVING COUNT(*) > 1
  await queryInterface.addIndex("accounts", ["provider", "provider_account_id"], { unique: true, name: "accounts_provider_provider_account_id" })

  // 3. The lookup indexes: cascading deletes and token checks stop scanning whole tables.
  await queryInterface.addIndex("accounts", ["user_id"], { name: "accounts_user_id" })
  await queryInterface.addIndex("sessions", ["user_id"], { name: "sessions_user_id" })
  await queryInterface.addIndex("verification_tokens", ["identifier"], { name: "verification_tokens_identifier" })

  // 4. Passkeys.
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
  await queryInterface.dropTable("authenticators")
  await queryInterface.removeIndex("verification_tokens", "verification_tokens_identifier")
  await queryInterface.removeIndex("sessions", "sessions_user_id")
  await queryInterface.removeIndex("accounts", "accounts_user_id")
  await queryInterface.removeIndex("accounts", "accounts_provider_provider_account_id")
}
