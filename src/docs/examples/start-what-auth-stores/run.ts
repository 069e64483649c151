// The calls Auth.js makes, in its order, for three everyday events. Each step writes one
// kind of record: watch the Tables panel after running.
import type { Adapter } from "@auth/core/adapters"
import { adapter } from "./auth"

const auth = adapter as Required<Adapter>
const in30Days = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000)

// 1. Ada signs in with GitHub for the first time → a user, an account, a session.
await auth.getUserByAccount({ provider: "github", providerAccountId: "583231" }) // null: unknown account
await auth.getUserByEmail("ada@example.com") // null: unknown e-mail
const ada = await auth.createUser({ id: "6a1f0c2e-6f55-4c2b-9a52-0d8c1f4e7b10", name: "Ada", email: "ada@example.com", emailVerified: null, image: null })
await auth.linkAccount({ userId: ada.id, type: "oauth", provider: "github", providerAccountId: "583231", access_token: "gho_example", token_type: "bearer", scope: "read:user" })
await auth.createSession({ sessionToken: "session-of-ada", userId: ada.id, expires: in30Days })

// 2. Every request with her session cookie (database strategy): one lookup.
const current = await auth.getSessionAndUser("session-of-ada")
console.log("signed in:", current?.user.email, "until", current?.session.expires)

// 3. Grace asks for a magic link → a verification token; opening the link uses it up,
//    then Auth.js creates her user and a session.
await auth.createVerificationToken({ identifier: "grace@example.com", token: "hashed-token", expires: in30Days })
const invite = await auth.useVerificationToken({ identifier: "grace@example.com", token: "hashed-token" })
console.log("link valid:", invite !== null, "- second click:", await auth.useVerificationToken({ identifier: "grace@example.com", token: "hashed-token" }))
const grace = await auth.createUser({ id: "0b7d9e43-2c1a-4f86-8d3e-5a6b7c8d9e01", email: "grace@example.com", emailVerified: new Date() })
await auth.createSession({ sessionToken: "session-of-grace", userId: grace.id, expires: in30Days })

// 4. Ada signs out → her session row is deleted; user and account stay.
await auth.deleteSession("session-of-ada")
