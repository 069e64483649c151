import type { Adapter } from "@auth/core/adapters"
import { Account, adapter, Session, sequelize } from "./auth"

const auth = adapter as Required<Adapter>

const user = await auth.createUser({ id: "c8a3f5e0-3b7e-4d0a-9a44-2f9a9d1c6b01", name: "Ada Lovelace", email: "ada@example.com", emailVerified: null })
const stored = (await auth.getUser(user.id)) as (Record<string, unknown> | null)
console.log("role from the column default:", stored?.["role"])

await auth.linkAccount({ userId: user.id, type: "oauth", provider: "github", providerAccountId: "583231" })
await auth.createSession({ sessionToken: "9f3c1a52-8d0b-4e0f-b1a7-3e5d2c4b6a90", userId: user.id, expires: new Date("2030-01-01T00:00:00.000Z") })
await Session.update({ userAgent: "Firefox 140" }, { where: { sessionToken: "9f3c1a52-8d0b-4e0f-b1a7-3e5d2c4b6a90" } })
console.log("found by account:", (await auth.getUserByAccount({ provider: "github", providerAccountId: "583231" }))?.email)

// The unique index defined on Account refuses a second row for the same GitHub account.
try {
  await Account.create({ userId: user.id, type: "oauth", provider: "github", providerAccountId: "583231" })
} catch (error) {
  console.log("second row for github/583231:", (error as Error).name) // SequelizeUniqueConstraintError
}

console.log("tables:", await sequelize.getQueryInterface().showAllTables())
