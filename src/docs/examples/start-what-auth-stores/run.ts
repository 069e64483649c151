// Auth.js itself at four everyday moments, driven by a simulated browser as a person would.
// Each step writes one kind of record: watch the Tables panel after running.
import "./auth"
import { browser, inbox, otherDevice } from "@adapter-lab/playground"

// 1. A first GitHub sign-in → a user, an account (the GitHub link) and a session.
await browser.signIn("github")

// 2. Every request that reads the session (database strategy): one lookup by the cookie's token.
console.log("signed in:", (await browser.session())?.user?.email)

// 3. Grace asks for a magic link → a verification token, stored hashed. Opening the link uses it
//    up; Auth.js then creates her user (e-mail verified) and a session. A second click fails.
await otherDevice.signIn("nodemailer", { email: "grace@example.com", openLink: false })
const link = inbox.latest()!.url
await otherDevice.open(link)
console.log("second click:", (await otherDevice.open(link)).error)

// 4. A sign-out → the session row is deleted; the user and the account stay.
await browser.signOut()
