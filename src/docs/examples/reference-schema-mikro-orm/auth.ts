import { MikroORM } from "@mikro-orm/core"
import { PostgreSqlDriver } from "@mikro-orm/postgresql"
import { MikroOrmAdapter, defaultEntities } from "@adapter-lab/mikro-orm-adapter"

export const config = {
  driver: PostgreSqlDriver, // runs on SQLite in the playground
  clientUrl: process.env.DATABASE_CONNECTION_STRING,
  entities: Object.values(defaultEntities),
}

// The MikroORM adapter never creates tables: a real app runs migrations; here, the schema generator.
const orm = await MikroORM.init(config)
await orm.schema.update()
await orm.close()

export const adapter = MikroOrmAdapter(config)
