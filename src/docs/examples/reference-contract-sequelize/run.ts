// Every method of the Auth.js Adapter contract, with the results the adapter gives back.
// The Console panel shows each call with its arguments and result.
import type { Adapter } from "@auth/core/adapters"
import { adapter } from "./auth"

const auth = adapter as Required<Adapter>
const expires = new Date("2030-01-01T00:00:00.000Z")

// Users
const user = await auth.createUser({ id: "7d0e8a4c-1b2f-4c3d-9e8f-a1b2c3d4e5f6", name: "Ada", email: "ada@example.com", emailVerified: null, image: null })
console.log("getUser:", await auth.getUser(user.id))
console.log("getUser (unknown id):", await auth.getUser("00000000-0000-4000-8000-000000000000")) // null
console.log("getUserByEmail:", (await auth.getUserByEmail("ada@example.com"))?.id)
const verified = await auth.updateUser({ id: user.id, emailVerified: new Date("2025-06-01T12:00:00.000Z") })
console.log("emailVerified is a Date:", verified.emailVerified instanceof Date)

// Accounts
await auth.linkAccount({ userId: user.id, type: "oauth", provider: "github", providerAccountId: "583231", access_token: "gho_x", expires_at: 1900000000, token_type: "bearer", scope: "read:user" })
console.log("getUserByAccount:", (await auth.getUserByAccount({ provider: "github", providerAccountId: "583231" }))?.email)
console.log("getAccount:", await auth.getAccount("583231", "github")) // expires_at stays in seconds
await auth.linkAccount({ userId: user.id, type: "oauth", provider: "gitlab", providerAccountId: "99" })
console.log("unlinkAccount:", (await auth.unlinkAccount({ provider: "gitlab", providerAccountId: "99" }))?.provider)
console.log("unlinkAccount (unknown):", await auth.unlinkAccount({ provider: "gitlab", providerAccountId: "99" })) // undefined

// Sessions
await auth.createSession({ sessionToken: "token-1", userId: user.id, expires })
const found = await auth.getSessionAndUser("token-1")
console.log("getSessionAndUser:", found?.session, found?.user.email)
console.log("updateSession:", await auth.updateSession({ sessionToken: "token-1", expires: new Date("2030-02-01T00:00:00.000Z") }))
console.log("updateSession (unknown):", await auth.updateSession({ sessionToken: "nope", expires })) // null
await auth.createSession({ sessionToken: "token-2", userId: user.id, expires })
console.log("deleteSession:", (await auth.deleteSession("token-2"))?.sessionToken)

// Verification tokens: single use
await auth.createVerificationToken({ identifier: "ada@example.com", token: "hashed-1", expires })
console.log("useVerificationToken:", await auth.useVerificationToken({ identifier: "ada@example.com", token: "hashed-1" }))
console.log("useVerificationToken again:", await auth.useVerificationToken({ identifier: "ada@example.com", token: "hashed-1" })) // null

// deleteUser cascades: a second user with an account and a session disappears with them.
const bob = await auth.createUser({ id: "3c9b1e2d-4a5f-4b6c-8d7e-9f0a1b2c3d4e", name: "Bob", email: "bob@example.com", emailVerified: null })
await auth.linkAccount({ userId: bob.id, type: "oauth", provider: "github", providerAccountId: "42" })
await auth.createSession({ sessionToken: "token-bob", userId: bob.id, expires })
console.log("deleteUser:", (await auth.deleteUser(bob.id))?.email)
console.log("Bob's session after deleteUser:", await auth.getSessionAndUser("token-bob")) // null
