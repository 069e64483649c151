import "./auth"
import { browser } from "@adapter-lab/playground"

// A first GitHub sign-in: Auth.js creates the user through your entity, so `role` gets its
// initial value, ADMIN.
await browser.signIn("github")

// `role` is hidden (never serialised): Auth.js never sees it, so the session has no role. The
// user table has it (Tables tab); your app reads it through MikroORM.
console.log(await browser.session())
