import type { Adapter } from "@auth/core/adapters"
import { defaultEntities } from "@adapter-lab/mikro-orm-adapter"
import { adapter, orm } from "./auth"
import { Post } from "./post"

// Development only: the schema generator creates every table, yours and the adapter's, from the
// same config. In production, migrations do (npx mikro-orm migration:create / migration:up).
console.log(await orm.schema.getUpdateSchemaSQL())
await orm.schema.update()

// Auth.js signs someone in through the adapter...
const auth = adapter as Required<Adapter>
const user = await auth.createUser({ id: "3c9e2a7b-1d4f-4b6a-8e0c-5f7a9b1c3d5e", name: "Edsger Dijkstra", email: "edsger@example.com", emailVerified: null })
await auth.createSession({ sessionToken: "5e7f9a1b-3c5d-4e7f-9a1b-3c5d7e9f1a2b", userId: user.id, expires: new Date("2030-01-01T00:00:00.000Z") })

// ...and your app uses the same tables through MikroORM, with a fork of the EntityManager.
const em = orm.em.fork()
em.create(Post, { title: "Go To Statement Considered Harmful", author: em.getReference(defaultEntities.User, user.id) })
await em.flush()
console.log(await orm.em.fork().find(Post, {}, { populate: ["author"] }))
await orm.close()
