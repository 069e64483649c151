import type { Adapter, AdapterUser } from "@auth/core/adapters"
import { adapter, User } from "./auth"

const auth = adapter as Required<Adapter>

// Auth.js passes what your provider's profile() returns, so an extra field can arrive here.
const user = await auth.createUser({
  id: "d7b1c6a0-5f4e-4c3b-9a2d-1e0f8a7b6c5d",
  name: "Grace Hopper",
  email: "grace@example.com",
  emailVerified: null,
  phoneNumber: "+1 202 555 0143",
} as AdapterUser & { phoneNumber: string })

// The adapter returns every attribute of your model, the new one included.
console.log("getUser:", await auth.getUser(user.id))

// Your own code reads and writes the column through the model, as usual.
await User.update({ phoneNumber: "+1 202 555 0199" }, { where: { id: user.id } })
console.log("after update:", (await User.findByPk(user.id))?.get("phoneNumber"))
