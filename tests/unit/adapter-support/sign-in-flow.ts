// Auth.js's own call sequence (@auth/core 0.41: lib/actions/callback/handle-login.js, oauth and
// email callbacks, signin/send-token.js), with the values core passes, for a script that runs in
// plain Node against an installed adapter package, and what each adapter must return. Every
// result is recorded with the paths of the Date objects in it and of any object that is not a
// plain object.
import { expect } from 'vitest';

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Script text: `results`, and `record(step, value)`, which stores and returns the value. */
export const RECORD_RESULTS = `
const results = {};
function record(step, value) {
  const dates = [];
  const notPlain = [];
  const walk = (node, path) => {
    if (node instanceof Date) dates.push(path);
    else if (node !== null && typeof node === 'object') {
      if (Object.getPrototypeOf(node) !== Object.prototype) notPlain.push(path || '.');
      for (const [key, child] of Object.entries(node)) walk(child, path ? path + '.' + key : key);
    }
  };
  walk(value, '');
  results[step] = { value: value === undefined ? '(undefined)' : value, dates, notPlain };
  return value;
}
`;

/**
 * Script text, given `adapter`, `record`, `createHash` and `randomUUID`: an OAuth sign-in, then
 * an e-mail sign-in with the same address. Leaves `userId`, `sessionToken`, `account` and
 * `hashed` (the script's inputs) in scope.
 */
export const SIGN_IN_STEPS = `
  // OAuth (OIDC) callback, first sign-in: unknown account, unknown e-mail, so a new user.
  const userId = randomUUID();
  const sessionToken = randomUUID();
  const account = {
    access_token: 'ya29.' + 'a'.repeat(300),
    id_token: 'eyJ' + 'b'.repeat(1200),
    refresh_token: '1//' + 'c'.repeat(400),
    expires_at: 1893456000,
    scope: 'openid email profile',
    token_type: 'bearer',
    providerAccountId: '109876543210',
    provider: 'google',
    type: 'oidc',
  };
  const profile = { id: userId, name: 'Ada Lovelace', email: 'ada@example.com', image: 'https://example.com/ada.png' };
  record('getUserByAccount:new', await adapter.getUserByAccount({ providerAccountId: account.providerAccountId, provider: account.provider }));
  record('getUserByEmail:new', await adapter.getUserByEmail(profile.email));
  const user = record('createUser', await adapter.createUser({ ...profile, emailVerified: null }));
  record('linkAccount', await adapter.linkAccount({ ...account, userId: user.id }));
  record('createSession', await adapter.createSession({ sessionToken, userId: user.id, expires: new Date('2030-01-02T03:04:05.678Z') }));
  // Every request with the session cookie.
  record('getSessionAndUser', await adapter.getSessionAndUser(sessionToken));
  // A second OAuth sign-in finds the user through the account.
  record('getUserByAccount:known', await adapter.getUserByAccount({ providerAccountId: account.providerAccountId, provider: account.provider }));
  // Sign-out.
  record('deleteSession', await adapter.deleteSession(sessionToken));
  record('getSessionAndUser:deleted', await adapter.getSessionAndUser(sessionToken));

  // E-mail (magic link) sign-in with the same address: send the token, then the callback.
  const identifier = profile.email;
  const hashed = createHash('sha256').update('magic-link-token' + 'secret').digest('hex');
  record('getUserByEmail:send', await adapter.getUserByEmail(identifier));
  record('createVerificationToken', await adapter.createVerificationToken({ identifier, token: hashed, expires: new Date('2030-02-03T04:05:06.789Z') }));
  const invite = record('useVerificationToken', await adapter.useVerificationToken({ identifier, token: hashed }));
  record('invite.expires.valueOf', invite.expires.valueOf());
  record('useVerificationToken:again', await adapter.useVerificationToken({ identifier, token: hashed }));
  const existing = record('getUserByEmail:callback', await adapter.getUserByEmail(invite.identifier));
  record('updateUser', await adapter.updateUser({ id: existing.id, emailVerified: new Date('2025-06-07T08:09:10.111Z') }));
  record('createSession:email', await adapter.createSession({ sessionToken: 'email-' + sessionToken, userId: existing.id, expires: new Date('2030-03-04T05:06:07.891Z') }));
  record('getSessionAndUser:email', await adapter.getSessionAndUser('email-' + sessionToken));
`;

export interface Recorded {
  value: unknown;
  dates: string[];
  notPlain: string[];
}

export interface SignInInputs {
  userId: string;
  sessionToken: string;
  hashed: string;
  account: Record<string, unknown>;
}

/** Value, then the paths holding real Date objects before JSON.stringify made them ISO strings. */
export type Expected = Record<string, [unknown, string[]]>;

/** The rows SIGN_IN_STEPS leaves, as results carry them (dates as ISO strings). */
export interface SignInRows {
  readonly accountId: unknown;
  readonly emailSessionId: unknown;
  readonly user: Record<string, unknown>;
  readonly verifiedUser: Record<string, unknown>;
  readonly session: Record<string, unknown>;
  readonly emailSession: Record<string, unknown>;
  /** Every step's expected result. */
  readonly expected: Expected;
}

/**
 * What every step must have returned. The ids are the ones the adapter generated, as the creating
 * calls returned them (UUIDs): every later result about the same row must carry the same id, and
 * the database must hold it.
 */
export function signInRows(inputs: SignInInputs, results: Record<string, Recorded>): SignInRows {
  const { userId, sessionToken, hashed, account } = inputs;
  const idOf = (step: string): unknown => (results[step]?.value as { id?: unknown } | undefined)?.id;
  const [accountId, sessionId, emailSessionId] = [idOf('linkAccount'), idOf('createSession'), idOf('createSession:email')];
  expect([accountId, sessionId, emailSessionId]).toEqual([expect.stringMatching(UUID_V4), expect.stringMatching(UUID_V4), expect.stringMatching(UUID_V4)]);
  const user = { id: userId, name: 'Ada Lovelace', email: 'ada@example.com', emailVerified: null, image: 'https://example.com/ada.png' };
  const verifiedUser = { ...user, emailVerified: '2025-06-07T08:09:10.111Z' };
  const session = { id: sessionId, sessionToken, userId, expires: '2030-01-02T03:04:05.678Z' };
  const emailSession = { id: emailSessionId, sessionToken: `email-${sessionToken}`, userId, expires: '2030-03-04T05:06:07.891Z' };
  const token = { identifier: 'ada@example.com', token: hashed, expires: '2030-02-03T04:05:06.789Z' };
  const expected: Expected = {
    'getUserByAccount:new': [null, []],
    'getUserByEmail:new': [null, []],
    createUser: [user, []],
    // Every column of the row, so the one Auth.js left out is null.
    linkAccount: [{ ...account, id: accountId, session_state: null, userId }, []],
    createSession: [session, ['expires']],
    getSessionAndUser: [{ session, user }, ['session.expires']],
    'getUserByAccount:known': [user, []],
    deleteSession: [session, ['expires']],
    'getSessionAndUser:deleted': [null, []],
    'getUserByEmail:send': [user, []],
    createVerificationToken: [token, ['expires']],
    useVerificationToken: [token, ['expires']],
    'invite.expires.valueOf': [Date.parse(token.expires), []],
    'useVerificationToken:again': [null, []],
    'getUserByEmail:callback': [user, []],
    updateUser: [verifiedUser, ['emailVerified']],
    'createSession:email': [emailSession, ['expires']],
    'getSessionAndUser:email': [{ session: emailSession, user: verifiedUser }, ['session.expires', 'user.emailVerified']],
  };
  return { accountId, emailSessionId, user, verifiedUser, session, emailSession, expected };
}

/** The steps ran in this order, each with this value, these dates, and only plain objects. */
export function expectRecorded(results: Record<string, Recorded>, expected: Expected): void {
  expect(Object.keys(results)).toEqual(Object.keys(expected));
  for (const [step, [value, dates]] of Object.entries(expected)) {
    expect(results[step], step).toEqual({ value, dates, notPlain: [] });
  }
}
