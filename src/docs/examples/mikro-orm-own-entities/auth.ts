// The adapter part of auth.ts: one MikroORM per process, started from the config your migrations
// use, shared by your app and the adapter (which uses it as it is and never closes it).
import { MikroORM } from "@mikro-orm/postgresql"
import { MikroOrmAdapter } from "@adapter-lab/mikro-orm-adapter"
import config from "./mikro-orm.config"

export const orm = await MikroORM.init(config)
export const adapter = MikroOrmAdapter(orm)
