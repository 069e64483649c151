// Fills all five tables, then shows the keys at work: the unique pairs and ON DELETE CASCADE.
import type { Adapter } from "@auth/core/adapters"
import { adapter } from "./auth"

const auth = adapter as Required<Adapter>
const expires = new Date("2030-01-01T00:00:00.000Z")

async function signUp(id: string, email: string) {
  await auth.createUser({ id, name: email.split("@")[0]!, email, emailVerified: null })
  await auth.linkAccount({ userId: id, type: "oauth", provider: "github", providerAccountId: `gh-${id}`, access_token: "gho_".padEnd(400, "x"), token_type: "bearer", scope: "read:user", expires_at: 1893456000 })
  await auth.createSession({ sessionToken: `session-${id}`, userId: id, expires })
  await auth.createAuthenticator({ credentialID: `cred-${id}`, userId: id, providerAccountId: `cred-${id}`, credentialPublicKey: "pQECAyYgASFYIBlG...", counter: 0, credentialDeviceType: "multiDevice", credentialBackedUp: true, transports: "internal,hybrid" })
}
await signUp("a0000000-0000-4000-8000-000000000001", "ada@example.com")
await signUp("b0000000-0000-4000-8000-000000000002", "bob@example.com")

// unique (provider, provider_account_id): one row per provider account, found by that pair.
// (Linking the same GitHub account again fails with UniqueConstraintViolationException.)
console.log("account:", await auth.getAccount("gh-a0000000-0000-4000-8000-000000000001", "github"))

// unique (token, identifier) is the verification token's key; using a token deletes it.
await auth.createVerificationToken({ identifier: "ada@example.com", token: "hashed-token-1", expires })
await auth.createVerificationToken({ identifier: "ada@example.com", token: "hashed-token-2", expires })
console.log("used:", await auth.useVerificationToken({ identifier: "ada@example.com", token: "hashed-token-1" }))

// Deleting a user deletes its account, session and authenticator rows (ON DELETE CASCADE).
await auth.deleteUser("b0000000-0000-4000-8000-000000000002")
console.log("bob's session after deleteUser:", await auth.getSessionAndUser("session-b0000000-0000-4000-8000-000000000002"))
console.log("ada's passkeys:", await auth.listAuthenticatorsByUserId("a0000000-0000-4000-8000-000000000001"))
