// What Auth.js asks the adapter at a first GitHub sign-in, then what your app reads back.
import type { Adapter } from "@auth/core/adapters"
import { adapter } from "./auth"
import { User } from "./entities"
import { orm } from "./orm"

// Development only: the tables from the entities. In production, migrations create them.
await orm.schema.update()

const auth = adapter as Required<Adapter>

const user = await auth.createUser({
  id: "d7b1c6a0-5f4e-4c3b-9a2d-1e0f8a7b6c5d",
  name: "Grace Hopper",
  email: "grace@example.com",
  emailVerified: null,
})
await auth.linkAccount({ userId: user.id, type: "oauth", provider: "github", providerAccountId: "1906", access_token: "gho_example", token_type: "bearer", scope: "read:user" })
await auth.createSession({ sessionToken: "b0f1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d", userId: user.id, expires: new Date("2030-01-01T00:00:00.000Z") })

// `role` is hidden: the adapter returns the Auth.js user without it...
console.log("Auth.js sees:", await auth.getSessionAndUser("b0f1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d"))

// ...but the user table has it, filled from the entity's initialiser.
const stored = await orm.em.fork().findOneOrFail(User, { email: "grace@example.com" })
console.log("role column:", stored.role)
if (stored.role !== "ADMIN") throw new Error(`expected role ADMIN, got ${stored.role}`)

// The playground runs everything again on each Run, in the same worker: end as a process would.
await orm.close()
delete (globalThis as { orm?: unknown }).orm
