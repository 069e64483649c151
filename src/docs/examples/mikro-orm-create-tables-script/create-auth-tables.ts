import { MikroORM } from "@mikro-orm/postgresql"
import { defaultEntities } from "@adapter-lab/mikro-orm-adapter"

const orm = await MikroORM.init({
  clientUrl: process.env.DATABASE_CONNECTION_STRING,
  entities: Object.values(defaultEntities),
})
await orm.schema.update() // creates the five tables, or adds what is missing
await orm.close()
