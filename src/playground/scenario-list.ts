import type { ScenarioId } from './protocol.ts';

/** The Auth.js flows the Adapter panel performs in one click (runtime/scenarios.ts carries them out). */
export const SCENARIO_LIST: ReadonlyArray<{ readonly id: ScenarioId; readonly label: string; readonly description: string }> = [
  { id: 'oauth-sign-in', label: 'OAuth sign-in (new user)', description: 'A first sign-in with GitHub: no account, no user with that e-mail, so Auth.js creates the user, links the account and starts a session.' },
  { id: 'email-sign-in', label: 'Email sign-in', description: 'A magic-link sign-in: Auth.js stores a hashed verification token, then the link uses it up, verifies the e-mail (creating the user if new) and starts a session.' },
  { id: 'sign-out', label: 'Sign out', description: 'Signing out of a database session: Auth.js deletes the newest session.' },
  { id: 'delete-user', label: 'Delete user', description: 'Deleting the newest user: its accounts, sessions and authenticators go with it.' },
];
