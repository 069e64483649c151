// A first GitHub sign-in through Auth.js, then what your app reads back.
import "./auth"
import { browser } from "@adapter-lab/playground"
import { User } from "./entities"
import { orm } from "./orm"

// Development only: the tables from the entities. In production, migrations create them.
await orm.schema.update()

// Auth.js creates the user through your entity, so `role` gets its initial value.
await browser.signIn("github")

// `role` is hidden: the session Auth.js gives your pages has no role...
console.log("Auth.js sees:", await browser.session())

// ...but the user table has it, filled from the entity's initialiser.
const stored = await orm.em.fork().findOneOrFail(User, { email: "octocat@github.com" })
console.log("role column:", stored.role)
if (stored.role !== "ADMIN") throw new Error(`expected role ADMIN, got ${stored.role}`)

// The playground runs everything again on each Run, in the same worker: end as a process would.
await orm.close()
delete (globalThis as { orm?: unknown }).orm
