import { MikroORM } from "@mikro-orm/postgresql"
import { defaultEntities } from "@adapter-lab/mikro-orm-adapter"

const globalForOrm = globalThis as unknown as { orm?: MikroORM }

// `new MikroORM()` discovers the entities synchronously and connects on first use.
export const orm = (globalForOrm.orm ??= new MikroORM({
  clientUrl: process.env.DATABASE_CONNECTION_STRING,
  entities: Object.values(defaultEntities),
  pool: { max: 5 },
}))
