// The official MikroORM adapter's documented differences, live: compare mode runs these calls
// with this site's adapter (MikroORM 7) and with the published @auth/mikro-orm-adapter on
// MikroORM 5, and the Compare tab lists what differs.
import { MikroOrmAdapter } from "@auth/mikro-orm-adapter"

const adapter = MikroOrmAdapter({ dbName: ":memory:" })

const user = await adapter.createUser!({ id: crypto.randomUUID(), email: "ada@example.com", emailVerified: null })
await adapter.linkAccount!({ userId: user.id, type: "oauth", provider: "github", providerAccountId: "1" })

// Misses: unlinking an account that is not there returns undefined here; the official adapter throws.
try {
  console.log("unlinkAccount:", await adapter.unlinkAccount!({ provider: "github", providerAccountId: "404" }))
} catch (error) {
  console.log("unlinkAccount threw", (error as Error).message)
}

// Updating a session that is not there returns null here; the official adapter throws.
try {
  console.log("updateSession:", await adapter.updateSession!({ sessionToken: "no-such-session", expires: new Date() }))
} catch (error) {
  console.log("updateSession threw", (error as Error).message)
}
