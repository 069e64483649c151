import type { Adapter, AdapterUser } from '@auth/core/adapters';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { ScenarioId } from '../protocol.ts';
import type { DatabaseState } from './database-inspection.ts';
import { PlaygroundError } from './run-error.ts';

const DAY = 24 * 60 * 60 * 1000;
const SESSION_MAX_AGE = 30 * DAY; // Auth.js's default session.maxAge

/**
 * Auth.js hashes the e-mail token with the secret before storing it (SHA-256, hex). Not with
 * crypto.subtle: the sandboxed worker is no secure context, and has none.
 */
function hashToken(token: string, secret: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(`${token}${secret}`)));
}

/** The newest value of a column in the table that has it (e.g. session_token), by rowid. */
function newest(state: DatabaseState, column: readonly string[]): string | undefined {
  for (const table of [...state.values()].reverse()) {
    const index = table.columns.findIndex((name) => column.includes(name));
    if (index === -1) continue;
    const rows = [...table.rows.values()];
    const value = rows.at(-1)?.[index];
    if (value !== undefined && value !== null) return String(value);
  }
  return undefined;
}

function required<K extends keyof Adapter>(adapter: Adapter, method: K): NonNullable<Adapter[K]> {
  const fn = adapter[method];
  if (typeof fn !== 'function') throw new PlaygroundError(`The adapter has no ${String(method)} method, which this scenario needs.`, { name: 'ScenarioError' });
  return fn as NonNullable<Adapter[K]>;
}

/**
 * Performs one of Auth.js's flows against `adapter`, call by call as @auth/core 0.41 does it
 * (lib/actions/callback/handle-login.js, signin/send-token.js), with fresh ids and addresses
 * each time so that the flow can be repeated. `state` supplies existing rows where the flow
 * needs one (the session to end, the user to delete).
 */
export async function runScenario(id: ScenarioId, adapter: Adapter, state: DatabaseState, counter: number): Promise<string> {
  const now = Date.now();
  switch (id) {
    case 'oauth-sign-in': {
      const providerAccountId = String(1_000_000 + counter);
      const email = `octocat+${counter}@example.com`;
      const byAccount = await required(adapter, 'getUserByAccount')({ provider: 'github', providerAccountId });
      if (byAccount) return `GitHub account ${providerAccountId} already belongs to ${byAccount.email}: Auth.js would sign them in.`;
      const byEmail = await required(adapter, 'getUserByEmail')(email);
      if (byEmail) return `${email} already has a user: Auth.js would refuse (OAuthAccountNotLinked).`;
      const user = await required(adapter, 'createUser')({ id: crypto.randomUUID(), name: `Octocat ${counter}`, email, image: `https://avatars.githubusercontent.com/u/${providerAccountId}`, emailVerified: null });
      await required(adapter, 'linkAccount')({
        userId: user.id, type: 'oauth', provider: 'github', providerAccountId,
        access_token: `gho_${crypto.randomUUID().replaceAll('-', '')}`, token_type: 'bearer', scope: 'read:user,user:email',
      });
      const session = await required(adapter, 'createSession')({ sessionToken: crypto.randomUUID(), userId: user.id, expires: new Date(now + SESSION_MAX_AGE) });
      return `${user.email} signed in with GitHub: a new user, its account and a session until ${session.expires.toISOString()}.`;
    }
    case 'email-sign-in': {
      const identifier = newest(state, ['email']) ?? `reader+${counter}@example.com`;
      const hashed = hashToken(crypto.randomUUID(), 'playground-secret-not-for-production');
      await required(adapter, 'getUserByEmail')(identifier);
      await required(adapter, 'createVerificationToken')({ identifier, token: hashed, expires: new Date(now + DAY) });
      // The reader clicks the link.
      const invite = await required(adapter, 'useVerificationToken')({ identifier, token: hashed });
      if (!invite) throw new PlaygroundError('useVerificationToken returned null for the token just created: the adapter lost it.', { name: 'ScenarioError' });
      const existing = await required(adapter, 'getUserByEmail')(invite.identifier);
      let user: AdapterUser;
      if (existing) user = await required(adapter, 'updateUser')({ id: existing.id, emailVerified: new Date() });
      else user = await required(adapter, 'createUser')({ id: crypto.randomUUID(), email: invite.identifier, emailVerified: new Date() });
      await required(adapter, 'createSession')({ sessionToken: crypto.randomUUID(), userId: user.id, expires: new Date(now + SESSION_MAX_AGE) });
      return `${user.email} signed in with a magic link${existing ? '' : ' (a new user)'}: the token was used up and a session started.`;
    }
    case 'sign-out': {
      const sessionToken = newest(state, ['session_token', 'sessionToken']);
      if (!sessionToken) throw new PlaygroundError('There is no session to end: run "OAuth sign-in" or "Email sign-in" first.', { name: 'ScenarioError' });
      const deleted = await required(adapter, 'deleteSession')(sessionToken);
      return deleted ? `The session of user ${deleted.userId} ended.` : `deleteSession found no session ${sessionToken}.`;
    }
    case 'delete-user': {
      const userId = newest(state, ['email']) && findUserId(state);
      if (!userId) throw new PlaygroundError('There is no user to delete: run "OAuth sign-in" first.', { name: 'ScenarioError' });
      const deleted = await required(adapter, 'deleteUser')(userId);
      return deleted ? `User ${deleted.email ?? deleted.id} was deleted, with its accounts and sessions.` : `deleteUser found no user ${userId}.`;
    }
  }
}

/** The id of the newest user: the `id` of the newest row of a table with both `id` and `email`. */
function findUserId(state: DatabaseState): string | undefined {
  for (const table of [...state.values()].reverse()) {
    const id = table.columns.indexOf('id');
    if (id === -1 || !table.columns.includes('email')) continue;
    const value = [...table.rows.values()].at(-1)?.[id];
    if (value !== undefined && value !== null) return String(value);
  }
  return undefined;
}
