import { MikroOrmAdapter } from "@adapter-lab/mikro-orm-adapter"
import { orm } from "./orm"

// In auth.ts: NextAuth({ adapter, providers: […] }). One ORM, however often this module is evaluated.
export const adapter = MikroOrmAdapter(orm)
