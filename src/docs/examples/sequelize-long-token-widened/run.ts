import { Sequelize } from "sequelize"
import SequelizeAdapter from "@adapter-lab/sequelize-adapter"
import { createLegacyDatabase } from "./legacy"
import { googleAccessToken, googleIdToken } from "./tokens"
import { up } from "./widen"

const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })
await createLegacyDatabase(sequelize) // accounts.access_token is VARCHAR(255), as the official adapter made it
await up(sequelize.getQueryInterface()) // the migration: TEXT token columns

const adapter = SequelizeAdapter(sequelize, { synchronize: false })
console.log("access_token:", googleAccessToken.length, "characters; id_token:", googleIdToken.length)

// Ada signs in with Google: Auth.js links the account with the tokens Google returned.
await adapter.linkAccount!({
  userId: "c8a3f5e0-3b7e-4d0a-9a44-2f9a9d1c6b01",
  type: "oidc",
  provider: "google",
  providerAccountId: "110169484474386276334",
  access_token: googleAccessToken,
  id_token: googleIdToken,
  token_type: "bearer",
  scope: "openid email profile",
  expires_at: 1767229200,
})
