import { MikroORM } from "@mikro-orm/core"
import { PostgreSqlDriver } from "@mikro-orm/postgresql"
import { MikroOrmAdapter, defaultEntities } from "@adapter-lab/mikro-orm-adapter"

// One MikroORM for the app and the adapter (runs on SQLite in the playground).
const orm = await MikroORM.init({
  driver: PostgreSqlDriver,
  clientUrl: process.env.DATABASE_CONNECTION_STRING,
  entities: Object.values(defaultEntities),
})

// The adapter never creates tables. A real app runs migrations; this example uses the schema generator.
await orm.schema.update()

export const adapter = MikroOrmAdapter(orm)
