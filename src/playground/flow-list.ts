import type { FlowId } from './protocol.ts';

/** What each Auth.js flow is called on the page, and what it does (runtime/auth/flows.ts carries them out). */
export const FLOW_LIST: Readonly<Record<FlowId, { readonly label: string; readonly description: string }>> = {
  'oauth-sign-in': {
    label: 'Sign in with OAuth',
    description:
      "The browser posts to Auth.js's sign-in route, is sent to the simulated provider, comes back with a code; Auth.js exchanges it (PKCE checked), reads the profile and signs the user in — creating the user and linking the account the first time.",
  },
  'email-sign-in': {
    label: 'Send a magic link',
    description: 'The browser posts an e-mail address: Auth.js stores a hashed verification token and sends the link, which lands in the inbox below.',
  },
  'open-email-link': {
    label: 'Open the link',
    description:
      'The browser opens the magic link: Auth.js uses the token up, verifies the e-mail (creating the user if new) and starts a session. A second opening is refused.',
  },
  'credentials-sign-in': {
    label: 'Sign in with credentials',
    description:
      'The browser posts the form to the Credentials provider: your authorize() decides, and Auth.js issues a JWT session (no adapter call for the session).',
  },
  'sign-out': { label: 'Sign out', description: "The browser posts to Auth.js's sign-out route: a database session is deleted and the cookie cleared." },
  'link-account': {
    label: 'Link another OAuth account',
    description: 'While signed in, the browser signs in with an OAuth account Auth.js has not seen: it links it to the signed-in user.',
  },
  'refresh-session': {
    label: 'Refresh the session',
    description: 'The clock moves past updateAge, then the browser asks for its session: Auth.js extends it (updateSession) and renews the cookie.',
  },
  'expire-session': {
    label: 'Let the session expire',
    description: 'The clock moves past maxAge, then the browser asks for its session: Auth.js finds it expired, deletes it and clears the cookie.',
  },
  session: { label: 'Get the session', description: "The browser asks Auth.js's session route who is signed in (what useSession() and auth() read)." },
  'delete-user': {
    label: 'Delete the user',
    description:
      'Deletes the user signed in in this browser with adapter.deleteUser (Auth.js has no route for it; apps call it): its accounts and sessions go with it.',
  },
};
