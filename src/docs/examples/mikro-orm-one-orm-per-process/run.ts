import type { Adapter } from "@auth/core/adapters"
import { adapter } from "./auth"
import { orm } from "./orm"

await orm.schema.update() // the tables (a real app runs migrations)

const auth = adapter as Required<Adapter>
const user = await auth.createUser({ id: "5c7e9a1b-3d5f-4a7b-9c1d-3e5f7a9b1c3d", name: "Frances Allen", email: "frances@example.com", emailVerified: null })
console.log("the same ORM as before:", (globalThis as { orm?: unknown }).orm === orm)
console.log("user:", await auth.getUser(user.id))

// The playground runs everything again on each Run, in the same worker: end as a process would.
await orm.close()
delete (globalThis as { orm?: unknown }).orm
