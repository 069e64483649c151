// The adapter part of auth.ts. fix: the docs use MikroOrmAdapter (and NextAuth) without importing
// them; in your app: NextAuth({ adapter, providers: […] }) from "next-auth".
import { MikroOrmAdapter } from "@adapter-lab/mikro-orm-adapter"
import { User } from "./entities"
import { orm } from "./orm"

// The ORM above, used as it is and never closed; { User } tells the adapter which entity is yours.
export const adapter = MikroOrmAdapter(orm, { entities: { User } })
