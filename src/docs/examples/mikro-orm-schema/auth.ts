// The default entities, and their tables from MikroORM's schema generator.
import { MikroORM } from "@mikro-orm/core"
import { PostgreSqlDriver } from "@mikro-orm/postgresql"
import { MikroOrmAdapter, defaultEntities } from "@adapter-lab/mikro-orm-adapter"

export const config = {
  driver: PostgreSqlDriver,
  clientUrl: process.env.DATABASE_CONNECTION_STRING,
  entities: Object.values(defaultEntities),
}

const orm = await MikroORM.init(config)
// The DDL for this database (the SQL tab shows what ran; here it runs on SQLite).
console.log(await orm.schema.getCreateSchemaSQL())
await orm.schema.update()
await orm.close()

export const adapter = MikroOrmAdapter(config)
