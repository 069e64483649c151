// Your app's MikroORM, started once per process and shared with the adapter.
import { MikroORM } from "@mikro-orm/core"
import { PostgreSqlDriver } from "@mikro-orm/postgresql"
import { defaultEntities } from "@adapter-lab/mikro-orm-adapter"

export const orm = await MikroORM.init({
  driver: PostgreSqlDriver,
  clientUrl: process.env.DATABASE_CONNECTION_STRING,
  // An ORM you pass to the adapter must have the adapter's entities registered.
  entities: Object.values(defaultEntities),
})
