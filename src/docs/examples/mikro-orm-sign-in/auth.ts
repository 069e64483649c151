// The adapter part of an Auth.js configuration (auth.ts in a Next.js app), on MikroORM 7.
import { MikroORM } from "@mikro-orm/core"
import { PostgreSqlDriver } from "@mikro-orm/postgresql"
import { MikroOrmAdapter, defaultEntities } from "@adapter-lab/mikro-orm-adapter"

// Your app connects to its database server; the playground runs every driver on SQLite in
// your browser. MikroORM 7 takes the driver class (`driver`), no longer `type: "postgresql"`.
export const config = {
  driver: PostgreSqlDriver,
  clientUrl: process.env.DATABASE_CONNECTION_STRING,
  entities: Object.values(defaultEntities),
}

// The adapter leaves the tables to you: a real app runs migrations, this one the schema generator.
const orm = await MikroORM.init(config)
await orm.schema.update()
await orm.close()

export const adapter = MikroOrmAdapter(config)
