// What Auth.js asks the adapter during two sign-ins. Press Run (Ctrl+Enter), then look at
// Tables (what changed), SQL (which method sent what) and Console.
import type { Adapter } from "@auth/core/adapters"
import { adapter } from "./auth"

// Auth.js's Adapter type marks every method optional; this adapter implements them all.
const auth = adapter as Required<Adapter>

// 1. First sign-in with GitHub: no such account, no user with that e-mail, so a new user.
console.log("known account?", await auth.getUserByAccount({ provider: "github", providerAccountId: "583231" }))
const user = await auth.createUser({
  id: "c8a3f5e0-3b7e-4d0a-9a44-2f9a9d1c6b01",
  name: "Ada Lovelace",
  email: "ada@example.com",
  emailVerified: null,
  image: "https://example.com/ada.png",
})
await auth.linkAccount({
  userId: user.id,
  type: "oauth",
  provider: "github",
  providerAccountId: "583231",
  access_token: "gho_16C7e42F292c6912E7710c838347Ae178B4a",
  token_type: "bearer",
  scope: "read:user,user:email",
})
await auth.createSession({
  sessionToken: "9f3c1a52-8d0b-4e0f-b1a7-3e5d2c4b6a90",
  userId: user.id,
  expires: new Date("2030-01-01T00:00:00.000Z"),
})

// 2. Every request with the session cookie: one lookup returns the session and its user.
const signedIn = await auth.getSessionAndUser("9f3c1a52-8d0b-4e0f-b1a7-3e5d2c4b6a90")
console.log(signedIn?.user.name, "is signed in until", signedIn?.session.expires)

// 3. Magic-link sign-in: Auth.js stores the link's (hashed) token, and using it deletes it.
await auth.createVerificationToken({ identifier: "ada@example.com", token: "4c1d9a7e8f2b", expires: new Date("2030-01-01T00:00:00.000Z") })
const used = await auth.useVerificationToken({ identifier: "ada@example.com", token: "4c1d9a7e8f2b" })
console.log("token used:", used?.token, "- a second use finds", await auth.useVerificationToken({ identifier: "ada@example.com", token: "4c1d9a7e8f2b" }))

// A second link requested but not clicked yet stays in the table.
await auth.createVerificationToken({ identifier: "ada@example.com", token: "7b2e0f4a9c3d", expires: new Date("2030-01-01T00:00:00.000Z") })
