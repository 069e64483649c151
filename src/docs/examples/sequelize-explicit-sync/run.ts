// A setup script (scripts/create-auth-tables.ts, say) run before the app starts.
import type { Adapter } from "@auth/core/adapters"
import { adapter, sequelize } from "./auth"

console.log("models defined:", Object.keys(sequelize.models))
console.log("tables before sync:", await sequelize.getQueryInterface().showAllTables())

// CREATE TABLE IF NOT EXISTS for every model, in foreign-key order; existing tables are left as they are.
await sequelize.sync()
console.log("tables after sync:", await sequelize.getQueryInterface().showAllTables())

// The adapter now works on the tables sync() created.
const auth = adapter as Required<Adapter>
const user = await auth.createUser({ id: "c8a3f5e0-3b7e-4d0a-9a44-2f9a9d1c6b01", name: "Ada Lovelace", email: "ada@example.com", emailVerified: null })
await auth.createSession({ sessionToken: "9f3c1a52-8d0b-4e0f-b1a7-3e5d2c4b6a90", userId: user.id, expires: new Date("2030-01-01T00:00:00.000Z") })
console.log(await auth.getSessionAndUser("9f3c1a52-8d0b-4e0f-b1a7-3e5d2c4b6a90"))
