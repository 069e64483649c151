// The adapter part of auth.ts: the initialised ORM instead of options. The adapter uses it as it
// is (one connection pool for your app and Auth.js) and never closes it.
import { MikroOrmAdapter } from "@adapter-lab/mikro-orm-adapter"
import { orm } from "./db"

export const adapter = MikroOrmAdapter(orm)
