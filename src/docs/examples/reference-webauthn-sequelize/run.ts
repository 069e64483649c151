// A passkey registration and a passkey sign-in, call for call as Auth.js makes them.
import type { Adapter, AdapterUser } from "@auth/core/adapters"
import { adapter } from "./auth"

const auth = adapter as Required<Adapter>
const in30Days = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000)

// Registration by someone new: Auth.js passes only the e-mail; the adapter generates the id.
const user = await auth.createUser({ email: "ada@example.com" } as AdapterUser)
console.log("new user:", user)

// The credential id (base64) doubles as the providerAccountId of a `webauthn` account.
const credentialID = "6tHJq3c1QZ2mYx0bQk9aTg"
await auth.linkAccount({ userId: user.id, type: "webauthn", provider: "passkey", providerAccountId: credentialID })
await auth.createAuthenticator({
  credentialID,
  userId: user.id,
  providerAccountId: credentialID,
  credentialPublicKey: "pQECAyYgASFYIBx3Xb0vcm4Zr6OwqgcMy1MlUEJ0pDw0h1JbQp7qvVzh",
  counter: 0,
  credentialDeviceType: "multiDevice",
  credentialBackedUp: true,
  transports: "internal,hybrid",
})
await auth.createSession({ sessionToken: "session-after-registration", userId: user.id, expires: in30Days })

// Later, sign-in options for a known user list the passkeys they already have.
console.log("listAuthenticatorsByUserId:", (await auth.listAuthenticatorsByUserId(user.id)).map((a) => a.credentialID))

// Sign-in: the browser presents the credential; Auth.js checks it, stores the new counter,
// then finds the account and its user.
const authenticator = await auth.getAuthenticator(credentialID)
console.log("getAuthenticator:", authenticator)
console.log("unknown credential:", await auth.getAuthenticator("not-registered")) // null
const updated = await auth.updateAuthenticatorCounter(credentialID, (authenticator?.counter ?? 0) + 1)
console.log("new counter:", updated.counter)
const account = await auth.getAccount(credentialID, "passkey")
console.log("owner:", (await auth.getUser(account!.userId))?.email)
await auth.createSession({ sessionToken: "session-after-sign-in", userId: user.id, expires: in30Days })
