// What `npx tsx migrate.ts up` does, then the adapter on the migrated database.
import type { Adapter } from "@auth/core/adapters"
import { adapter, sequelize } from "./auth"
import { up } from "./migration"

await up({ context: sequelize.getQueryInterface() })
console.log("tables:", await sequelize.getQueryInterface().showAllTables())

const auth = adapter as Required<Adapter>
const user = await auth.createUser({ id: "c8a3f5e0-3b7e-4d0a-9a44-2f9a9d1c6b01", name: "Ada Lovelace", email: "ada@example.com", emailVerified: null })
await auth.linkAccount({ userId: user.id, type: "oauth", provider: "github", providerAccountId: "583231", access_token: "gho_16C7e42F292c6912E7710c838347Ae178B4a" })
await auth.createSession({ sessionToken: "9f3c1a52-8d0b-4e0f-b1a7-3e5d2c4b6a90", userId: user.id, expires: new Date("2030-01-01T00:00:00.000Z") })
console.log("signed in:", (await auth.getSessionAndUser("9f3c1a52-8d0b-4e0f-b1a7-3e5d2c4b6a90"))?.user.email)
