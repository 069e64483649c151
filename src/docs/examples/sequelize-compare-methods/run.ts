// The documented differences, live: compare mode runs these calls with this site's adapter and
// with the published @auth/sequelize-adapter, and the Compare tab lists each one — the tables'
// too (TEXT token columns here, VARCHAR(255) there; the unique and user_id indexes).
import SequelizeAdapter from "@auth/sequelize-adapter"
import { Sequelize } from "sequelize"

const sequelize = new Sequelize("sqlite::memory:", { logging: false })
const adapter = SequelizeAdapter(sequelize)
await sequelize.sync()

const user = await adapter.createUser!({ id: crypto.randomUUID(), email: "ada@example.com", emailVerified: null })

// linkAccount returns the account here; the official adapter returns nothing.
await adapter.linkAccount!({ userId: user.id, type: "oauth", provider: "github", providerAccountId: "1" })

// One statement per method: a session and its user in one JOIN (the official adapter: two reads).
const expires = new Date(Date.now() + 24 * 60 * 60 * 1000)
await adapter.createSession!({ sessionToken: "session-1", userId: user.id, expires })
await adapter.getSessionAndUser!("session-1")

// useVerificationToken deletes the token it was given; the official adapter deletes every
// token of the address, so the second link stops working too.
await adapter.createVerificationToken!({ identifier: "ada@example.com", token: "first-link", expires })
await adapter.createVerificationToken!({ identifier: "ada@example.com", token: "second-link", expires })
await adapter.useVerificationToken!({ identifier: "ada@example.com", token: "first-link" })

// A missing user: updateUser throws here; the official adapter returns null.
try {
  console.log("updateUser:", await adapter.updateUser!({ id: crypto.randomUUID(), name: "Nobody" }))
} catch (error) {
  console.log("updateUser threw", (error as Error).name)
}
