// The adapter part of auth.ts: the same config. The adapter keeps Post registered
// (it adds its entities to yours, it never drops yours).
import { MikroOrmAdapter } from "@adapter-lab/mikro-orm-adapter"
import config from "./mikro-orm.config"

export const adapter = MikroOrmAdapter(config)
