// migrations/20260301000000-widen-token-columns.ts
import { DataTypes, type QueryInterface } from "sequelize"

export async function up(queryInterface: QueryInterface) {
  // SQLite does not enforce VARCHAR lengths: nothing to change there.
  if (queryInterface.sequelize.getDialect() === "sqlite") return
  for (const column of ["access_token", "refresh_token", "id_token"]) {
    await queryInterface.changeColumn("accounts", column, { type: DataTypes.TEXT })
  }
}

export async function down() {
  // Narrowing the columns again could cut stored tokens: nothing to undo.
}
