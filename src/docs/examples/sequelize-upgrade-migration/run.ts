import type { Adapter } from "@auth/core/adapters"
import { Sequelize } from "sequelize"
import SequelizeAdapter from "@adapter-lab/sequelize-adapter"
import { createLegacyDatabase } from "./legacy"
import { up } from "./upgrade"

const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })
await createLegacyDatabase(sequelize)
console.log("before:", await sequelize.getQueryInterface().showAllTables())

await up(sequelize.getQueryInterface()) // what `npx sequelize-cli db:migrate` runs
console.log("after:", await sequelize.getQueryInterface().showAllTables())

// The new adapter on the upgraded database: existing users, accounts and sessions just work.
const auth = SequelizeAdapter(sequelize, { synchronize: false }) as Required<Adapter>
console.log("session:", (await auth.getSessionAndUser("9f3c1a52-8d0b-4e0f-b1a7-3e5d2c4b6a90"))?.user.email)
console.log("by account:", (await auth.getUserByAccount({ provider: "github", providerAccountId: "583231" }))?.name)
await auth.createAuthenticator({
  credentialID: "cred-ada-1",
  userId: "c8a3f5e0-3b7e-4d0a-9a44-2f9a9d1c6b01",
  providerAccountId: "cred-ada-1",
  credentialPublicKey: "pQECAyYgASFYIBkx3Ew",
  counter: 0,
  credentialDeviceType: "multiDevice",
  credentialBackedUp: true,
  transports: "internal",
})
console.log("passkeys:", (await auth.listAuthenticatorsByUserId("c8a3f5e0-3b7e-4d0a-9a44-2f9a9d1c6b01")).length)
