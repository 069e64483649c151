import "./auth"
import { browser } from "@adapter-lab/playground"
import { defaultEntities } from "@adapter-lab/mikro-orm-adapter"
import { orm } from "./db"

// Development only: the tables from the entities. In production, migrations create them.
await orm.schema.update()

// A GitHub sign-in through Auth.js: the adapter writes a user, an account and a session.
await browser.signIn("github")

// Your own queries on the same ORM: always through a fork of the EntityManager.
const em = orm.em.fork()
console.log("users:", await em.count(defaultEntities.User), "sessions:", await em.count(defaultEntities.Session))

// Still open: closing it is your app's business (on shutdown).
console.log("connected after the adapter's calls:", await orm.isConnected())
await orm.close()
