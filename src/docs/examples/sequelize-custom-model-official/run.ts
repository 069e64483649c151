import type { Adapter, AdapterUser } from "@auth/core/adapters"
import { adapter, sequelize } from "./auth"

const auth = adapter as Required<Adapter>

await auth.createUser({
  id: "d7b1c6a0-5f4e-4c3b-9a2d-1e0f8a7b6c5d",
  name: "Grace Hopper",
  email: "grace@example.com",
  emailVerified: null,
  phoneNumber: "+1 202 555 0143",
} as AdapterUser & { phoneNumber: string })

// phoneNumber (camelCase), and two NOT NULL columns nobody asked for: createdAt, updatedAt.
console.log(Object.keys(await sequelize.getQueryInterface().describeTable("users")))
