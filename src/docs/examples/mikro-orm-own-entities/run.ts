import { browser } from "@adapter-lab/playground"
import { defaultEntities } from "@adapter-lab/mikro-orm-adapter"
import { orm } from "./auth"
import { Post } from "./post"

// Development only: the schema generator creates every table, yours and the adapter's, from the
// same config. In production, migrations do (npx mikro-orm migration:create / migration:up).
console.log(await orm.schema.getUpdateSchemaSQL())
await orm.schema.update()

// Auth.js signs someone in through the adapter...
await browser.signIn("github")

// ...and your app uses the same tables through MikroORM, with a fork of the EntityManager.
const em = orm.em.fork()
const author = await em.findOneOrFail(defaultEntities.User, { email: "octocat@github.com" })
em.create(Post, { title: "Go To Statement Considered Harmful", author })
await em.flush()
console.log(await orm.em.fork().find(Post, {}, { populate: ["author"] }))
await orm.close()
