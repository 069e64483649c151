// Two people sign in through Auth.js itself, scripted: a simulated browser does what they would.
// Press Run (Ctrl+Enter), then look at Tables (what changed), SQL (which adapter call sent
// what), Auth.js (the HTTP exchanges) and Console.
import "./auth"
import { browser, inbox, otherDevice } from "@adapter-lab/playground"

// 1. A first GitHub sign-in: Auth.js knows neither the account nor the e-mail, so it creates a
//    user, links the account and starts a database session (the cookie holds its token).
await browser.signIn("github")

// 2. Every page that reads the session (auth(), useSession()) looks it up by that cookie.
const session = await browser.session()
console.log(session?.user?.name, "is signed in until", session?.expires)

// 3. Someone else asks for a magic link on another device. Auth.js stores the link's token
//    hashed; opening the link uses it up and creates her user, e-mail verified.
await otherDevice.signIn("nodemailer", { email: "hedy@example.com", openLink: false })
const link = inbox.latest("hedy@example.com")!.url
await otherDevice.open(link)
console.log("signed in by e-mail:", (await otherDevice.session())?.user?.email)

// A magic link works once: its token is gone, so opening it again is refused.
console.log("the same link again:", (await otherDevice.open(link)).error)

// 4. Signing out deletes the session row; the user and the account stay.
await browser.signOut()
console.log("after signing out:", await browser.session())
