// Creates the five tables (here with `orm.schema.update()` in auth.ts), then one row in each.
// Open the Schema panel for the columns, keys, indexes and the DDL on SQLite.
import type { Adapter } from "@auth/core/adapters"
import { adapter } from "./auth"

const auth = adapter as Required<Adapter>
const expires = new Date("2030-01-01T00:00:00.000Z")

const user = await auth.createUser({ id: "5f0c6b1a-2d3e-4f5a-8b9c-0d1e2f3a4b5c", name: "Ada", email: "ada@example.com", emailVerified: null, image: null })
await auth.linkAccount({ userId: user.id, type: "oauth", provider: "github", providerAccountId: "583231" })
await auth.createSession({ sessionToken: "cookie-value", userId: user.id, expires })
await auth.createVerificationToken({ identifier: "ada@example.com", token: "hashed-token", expires })
await auth.linkAccount({ userId: user.id, type: "webauthn", provider: "passkey", providerAccountId: "cred-1" })
await auth.createAuthenticator({ credentialID: "cred-1", userId: user.id, providerAccountId: "cred-1", credentialPublicKey: "cHVibGljLWtleQ", counter: 0, credentialDeviceType: "singleDevice", credentialBackedUp: false, transports: null })
