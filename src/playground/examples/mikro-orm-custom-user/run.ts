import type { Adapter } from "@auth/core/adapters"
import { adapter } from "./auth"

const auth = adapter as Required<Adapter>

const user = await auth.createUser({
  id: "d7b1c6a0-5f4e-4c3b-9a2d-1e0f8a7b6c5d",
  name: "Grace Hopper",
  email: "grace@example.com",
  emailVerified: null,
})
await auth.createSession({ sessionToken: "b0f1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d", userId: user.id, expires: new Date("2030-01-01T00:00:00.000Z") })

// `role` is hidden (never serialised), so Auth.js never sees it; the user table has it (Tables tab).
console.log(await auth.getSessionAndUser("b0f1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d"))
