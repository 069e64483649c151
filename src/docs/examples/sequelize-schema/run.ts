// One row in every table, then the columns, indexes and cascades Sequelize created.
import type { Adapter } from "@auth/core/adapters"
import { adapter, sequelize } from "./auth"

const auth = adapter as Required<Adapter>
const expires = new Date("2030-01-01T00:00:00.000Z")

// users ← accounts, sessions, authenticators (user_id); verification_tokens stands alone.
const ada = await auth.createUser({ id: "c8a3f5e0-3b7e-4d0a-9a44-2f9a9d1c6b01", name: "Ada Lovelace", email: "ada@example.com", emailVerified: null })
await auth.linkAccount({ userId: ada.id, type: "webauthn", provider: "passkey", providerAccountId: "cred-ada-1" })
await auth.createSession({ sessionToken: "9f3c1a52-8d0b-4e0f-b1a7-3e5d2c4b6a90", userId: ada.id, expires })
await auth.createAuthenticator({
  credentialID: "cred-ada-1",
  userId: ada.id,
  providerAccountId: "cred-ada-1",
  credentialPublicKey: "pQECAyYgASFYIBkx3Ew",
  counter: 0,
  credentialDeviceType: "multiDevice",
  credentialBackedUp: true,
  transports: "internal,hybrid",
})
// Auth.js stores the SHA-256 hex digest of the e-mailed token: 64 characters.
await auth.createVerificationToken({ identifier: "ada@example.com", token: "3f1d0c6e9b8a7f6e5d4c3b2a19080706f5e4d3c2b1a09f8e7d6c5b4a39281706", expires })

// A second user with an account and a session, deleted: ON DELETE CASCADE removes both.
const grace = await auth.createUser({ id: "d7b1c6a0-5f4e-4c3b-9a2d-1e0f8a7b6c5d", name: "Grace Hopper", email: "grace@example.com", emailVerified: null })
await auth.linkAccount({ userId: grace.id, type: "oauth", provider: "github", providerAccountId: "1906" })
await auth.createSession({ sessionToken: "0b6e2d1c-7a4f-4e3b-8c5d-9f0a1b2c3d4e", userId: grace.id, expires })
await auth.deleteUser(grace.id)

// What Sequelize created, table by table.
const queryInterface = sequelize.getQueryInterface()
for (const table of ["users", "accounts", "sessions", "verification_tokens", "authenticators"]) {
  const columns = await queryInterface.describeTable(table)
  console.log(table, Object.entries(columns).map(([name, column]) => `${name} ${column.type}${column.primaryKey ? " PK" : ""}${column.allowNull ? "" : " NOT NULL"}`))
}
console.log("accounts indexes:", (await queryInterface.showIndex("accounts") as Array<{ name: string }>).map((index) => index.name))
