import type { Adapter } from "@auth/core/adapters"
import { MikroORM } from "@mikro-orm/postgresql"
import { defaultEntities, withUserEntity } from "@adapter-lab/mikro-orm-adapter"
import { adapter, config } from "./auth"
import { Session, User } from "./entities"

// Development only: the tables from the same entities (in production, migrations create them).
// withUserEntity points the default Account and Authenticator at your User during discovery.
const { Account, VerificationToken, Authenticator } = defaultEntities
const orm = await withUserEntity(User, () =>
  MikroORM.init({ ...config, entities: [User, Session, Account, VerificationToken, Authenticator] }),
)
await orm.schema.update()
await orm.close()

const auth = adapter as Required<Adapter>

// The role comes back with the user (not hidden), from the entity's initialiser.
const user = await auth.createUser({ id: "6f0e3c1a-2b4d-4e8f-9a1b-3c5d7e9f1a2b", name: "Alan Turing", email: "alan@example.com", emailVerified: null })
console.log("created:", user)
if ((user as typeof user & { role?: string }).role !== "USER") throw new Error("expected role USER")

// created_at is filled by the custom Session's initialiser.
const session = await auth.createSession({ sessionToken: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", userId: user.id, expires: new Date("2030-01-01T00:00:00.000Z") })
console.log("session:", session)

// The default Account, linked to the custom User.
await auth.linkAccount({ userId: user.id, type: "oidc", provider: "google", providerAccountId: "108234", id_token: "eyJhbGciOi...", token_type: "bearer" })
console.log("by account:", await auth.getUserByAccount({ provider: "google", providerAccountId: "108234" }))
