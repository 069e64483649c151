import type { Adapter } from "@auth/core/adapters"
import { defaultEntities } from "@adapter-lab/mikro-orm-adapter"
import { adapter } from "./auth"
import { orm } from "./db"

// Development only: the tables from the entities. In production, migrations create them.
await orm.schema.update()

const auth = adapter as Required<Adapter>
const user = await auth.createUser({ id: "7a1b3c5d-7e9f-4a1b-8c3d-5e7f9a1b3c5d", name: "Barbara Liskov", email: "barbara@example.com", emailVerified: null })
await auth.createSession({ sessionToken: "1b3c5d7e-9f1a-4b3c-9d5e-7f9a1b3c5d7e", userId: user.id, expires: new Date("2030-01-01T00:00:00.000Z") })

// Your own queries on the same ORM: always through a fork of the EntityManager.
const em = orm.em.fork()
console.log("users:", await em.count(defaultEntities.User), "sessions:", await em.count(defaultEntities.Session))

// Still open: closing it is your app's business (on shutdown).
console.log("connected after the adapter's calls:", await orm.isConnected())
await orm.close()
