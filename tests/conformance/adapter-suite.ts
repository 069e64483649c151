// The Auth.js adapter conformance suite: one suite for every adapter × database pairing, each
// described by an `AdapterHarness` (harness.ts). Written from the `Adapter` contract of
// @auth/core (adapters.d.ts) and from the way core calls it (lib/actions/): every lookup miss is
// `null`, dates are real `Date`s to the millisecond, `expires_at` is a number of seconds. Every
// returned record is compared whole, as a plain object, with the shapes the official adapters
// return: sessions and accounts carry their `id` (the one the creating call returned),
// `events.signOut` gets deleteSession's session, unset user fields and account tokens are null.
//
// Test titles are unique across the suite: `knownFailures` names them (see describeAdapterConformance).
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Adapter, AdapterAccount, AdapterAuthenticator, AdapterSession, AdapterUser, VerificationToken } from '@auth/core/adapters';
import type { AdapterHarness, HarnessInstance, HarnessOptions, Role } from './harness.ts';

export interface ConformanceOptions {
  /**
   * Titles of the tests this pairing is known to fail. Each runs as `it.fails`: the run stays
   * green while it fails, and turns red the day it passes (then remove it from the list).
   */
  readonly knownFailures?: readonly string[];
  /**
   * Whether linkAccount, unlinkAccount, deleteUser, deleteSession and createVerificationToken
   * must resolve to the record (default `true`: ours do, as the official MikroORM adapter does).
   * The contract lets them resolve to nothing; `false` accepts that too (upstream's Sequelize
   * adapter resolves linkAccount and unlinkAccount to undefined).
   */
  readonly returnsRecords?: boolean;
}

// --- The contract's shapes -------------------------------------------------------------------

// The shapes: a user has exactly the `AdapterUser` keys (`name` and `image` null when unknown);
// a session, the `AdapterSession` keys plus the `id` of its row (the Models diagram of
// @auth/core/adapters gives sessions and accounts one); an authenticator, the
// `AdapterAuthenticator` keys; a verification token, its three keys.

/** An account has its `id` and every token column of the Models diagram, null when unset. */
const UNSET_ACCOUNT_TOKENS = {
  refresh_token: null,
  access_token: null,
  expires_at: null,
  token_type: null,
  scope: null,
  id_token: null,
  session_state: null,
} as const;

const CORE_METHODS = [
  'createUser',
  'getUser',
  'getUserByEmail',
  'getUserByAccount',
  'updateUser',
  'deleteUser',
  'linkAccount',
  'unlinkAccount',
  'createSession',
  'getSessionAndUser',
  'updateSession',
  'deleteSession',
  'createVerificationToken',
  'useVerificationToken',
] as const satisfies ReadonlyArray<keyof Adapter>;
const WEBAUTHN_METHODS = [
  'getAccount',
  'createAuthenticator',
  'getAuthenticator',
  'listAuthenticatorsByUserId',
  'updateAuthenticatorCounter',
] as const satisfies ReadonlyArray<keyof Adapter>;

// --- Fixtures --------------------------------------------------------------------------------

let serial = 0;
const next = (): number => ++serial;
const uuid = (): string => crypto.randomUUID();
/** Dates with a non-zero millisecond part, so that a lost millisecond shows. */
const EMAIL_VERIFIED = new Date('2030-01-02T03:04:05.678Z');
const SESSION_EXPIRES = new Date('2031-02-03T04:05:06.789Z');
const TOKEN_EXPIRES = new Date('2032-03-04T05:06:07.891Z');
/** An OAuth `expires_at`: seconds since the epoch. */
const EXPIRES_AT = 1_900_000_123;
/** Google's access and id tokens can run to thousands of characters. */
const LONG_TOKEN_LENGTH = 4_000;

function aUser(fields: Partial<AdapterUser> = {}): AdapterUser {
  const n = next();
  return {
    id: uuid(),
    name: `User ${n}`,
    email: `user${n}@example.com`,
    emailVerified: EMAIL_VERIFIED,
    image: `https://example.com/avatars/${n}.png`,
    ...fields,
  };
}

function anAccount(userId: string, fields: Partial<AdapterAccount> = {}): AdapterAccount {
  const n = next();
  return {
    userId,
    type: 'oauth',
    provider: 'github',
    providerAccountId: `${1000 + n}`,
    access_token: `gho_access${n}`,
    refresh_token: `ghr_refresh${n}`,
    expires_at: EXPIRES_AT,
    token_type: 'bearer',
    scope: 'read:user user:email',
    id_token: `eyJid.token${n}`,
    session_state: `state${n}`,
    ...fields,
  };
}

function aSession(userId: string, fields: Partial<AdapterSession> = {}): AdapterSession {
  return { sessionToken: uuid(), userId, expires: SESSION_EXPIRES, ...fields };
}

/** Core stores the SHA-256 of the emailed token and the secret. */
const hashToken = (token: string): string => createHash('sha256').update(`${token}secret`).digest('hex');

function aVerificationToken(fields: Partial<VerificationToken> = {}): VerificationToken {
  return { identifier: `user${next()}@example.com`, token: hashToken(uuid()), expires: TOKEN_EXPIRES, ...fields };
}

function anAuthenticator(userId: string, credentialID: string, fields: Partial<AdapterAuthenticator> = {}): AdapterAuthenticator {
  return {
    credentialID,
    userId,
    providerAccountId: credentialID,
    counter: 0,
    credentialBackedUp: false,
    credentialPublicKey: Buffer.from(`public key of ${credentialID}`).toString('base64'),
    transports: 'internal,hybrid',
    credentialDeviceType: 'singleDevice',
    ...fields,
  };
}

/** What core passes to getUserByAccount and unlinkAccount: only the provider and its account id. */
const accountKey = (account: AdapterAccount): Pick<AdapterAccount, 'provider' | 'providerAccountId'> => ({
  provider: account.provider,
  providerAccountId: account.providerAccountId,
});

/** A token of LONG_TOKEN_LENGTH characters, like Google's. */
const longToken = (prefix: string): string => prefix + 'x'.repeat(LONG_TOKEN_LENGTH - prefix.length);

// --- Assertions ------------------------------------------------------------------------------

/** What kind of value this is, in words (never formats the value: ORM instances break formatters). */
function kindOf(value: unknown): string {
  if (value === null || typeof value !== 'object') return `not an object (${value === null ? 'null' : typeof value})`;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype) return 'a plain object';
  if (prototype === null) return 'an object with a null prototype';
  const maker: unknown = (prototype as { constructor?: unknown }).constructor;
  return `an instance of ${typeof maker === 'function' ? maker.name || 'an anonymous class' : 'an unknown class'}`;
}

function expectPlainObject(value: unknown): void {
  expect(kindOf(value)).toBe('a plain object');
}

/** A plain object with exactly these keys. */
function expectPlainObjectWithKeys(value: unknown, keys: readonly string[]): void {
  expectPlainObject(value);
  expect(Object.keys(value as object).sort()).toEqual([...keys].sort());
}

/**
 * A plain object equal to `expected` key for key: a missing key, an extra one (even one holding
 * undefined) or a value of another type fails. `expected` may hold matchers such as AN_ID.
 */
function expectExactly(value: unknown, expected: object): void {
  expectPlainObject(value);
  expect(value).toStrictEqual(expected);
}

/** An id the adapter generated: a non-empty string (a UUID v4 for the default tables). */
const AN_ID: unknown = expect.stringMatching(/^\S+$/);

/**
 * The `id` of a record returned by a creating call — the one every later result about that row
 * must carry — or, where the call may resolve to nothing, any id.
 */
function idOf(created: unknown): unknown {
  const id: unknown = created !== null && typeof created === 'object' ? (created as { id?: unknown }).id : undefined;
  return id ?? AN_ID;
}

/** An account as every adapter method returns it: its id, the tokens it was given, null for the rest. */
const storedAccount = (account: AdapterAccount, id: unknown): object => ({ ...UNSET_ACCOUNT_TOKENS, ...account, id });

/**
 * The values of `keys`, read as properties (so that a value check does not also fail on a
 * result that is not a plain object: that is what the shape tests are for).
 */
function pick(value: unknown, keys: readonly string[]): Record<string, unknown> {
  expect(value, 'expected an object').toBeTypeOf('object');
  expect(value).not.toBeNull();
  const source = value as Record<string, unknown>;
  return Object.fromEntries(keys.map((key) => [key, source[key]]));
}

/** A real `Date` equal to `expected` to the millisecond. */
function expectSameDate(actual: unknown, expected: Date): void {
  expect(actual).toBeInstanceOf(Date);
  expect((actual as Date).getTime()).toBe(expected.getTime());
}

/** Calls `call` so that a synchronous throw becomes a rejection too. */
const attempt = async <T>(call: () => T): Promise<Awaited<T>> => await call();

// --- Harness plumbing ------------------------------------------------------------------------

interface Fresh {
  /** The adapter of this test's instance; every method is called as if present. */
  readonly adapter: Required<Adapter>;
  count(role: Role): Promise<number>;
}

/** A fresh `HarnessInstance` for every test of the enclosing `describe`, torn down after it. */
function freshInstance(harness: AdapterHarness, options?: HarnessOptions): Fresh {
  let instance: HarnessInstance | undefined;
  beforeEach(async () => {
    instance = await harness.setup(options);
  });
  afterEach(async () => {
    const finished = instance;
    instance = undefined;
    await finished?.teardown();
  });
  const current = (): HarnessInstance => {
    if (instance === undefined) throw new Error('No harness instance: setup() failed or the test runs outside the suite');
    return instance;
  };
  return {
    get adapter() {
      return current().adapter as Required<Adapter>;
    },
    count: (role) => current().count(role),
  };
}

// --- The suite -------------------------------------------------------------------------------

export function describeAdapterConformance(harness: AdapterHarness, options: ConformanceOptions = {}): void {
  const knownFailures = new Set(options.knownFailures ?? []);
  const returnsRecords = options.returnsRecords ?? true;
  /** The result of a method the contract lets resolve to nothing, checked against `expected`. */
  const expectRecord = (result: unknown, expected: object): void => {
    if (!returnsRecords && (result === undefined || result === null)) return;
    expectExactly(result, expected);
  };
  const titles = new Set<string>();

  /** `it`, or `it.fails` for a known failure; titles must be unique across the suite. */
  const test = (title: string, body: () => Promise<void>): void => {
    if (titles.has(title)) throw new Error(`Two conformance tests are titled "${title}"`);
    titles.add(title);
    (knownFailures.has(title) ? it.fails : it)(title, body);
  };

  describe(harness.name, () => {
    describe('methods', () => {
      const db = freshInstance(harness);

      test('implements every user, account, session and verification token method', async () => {
        const adapter: Adapter = db.adapter;
        expect(CORE_METHODS.filter((method) => typeof adapter[method] !== 'function')).toEqual([]);
      });
    });

    describe('users', () => {
      const db = freshInstance(harness);

      test('createUser returns exactly the user it was given, as a plain object', async () => {
        const user = aUser();
        expectExactly(await db.adapter.createUser(user), user);
      });

      test('createUser stores the user under the id it is given', async () => {
        // Core always passes an id (crypto.randomUUID()).
        const user = aUser();
        await db.adapter.createUser(user);
        expect((await db.adapter.getUser(user.id))?.id).toBe(user.id);
      });

      test('createUser returns name and image as null when they are not given', async () => {
        // The email sign-in creates { id, email, emailVerified } users.
        const given = { id: uuid(), email: `user${next()}@example.com`, emailVerified: null };
        expectExactly(await db.adapter.createUser(given), { ...given, name: null, image: null });
      });

      test('getUser returns exactly the user with that id, as a plain object', async () => {
        const user = aUser();
        await db.adapter.createUser(user);
        await db.adapter.createUser(aUser());
        expectExactly(await db.adapter.getUser(user.id), user);
      });

      test('getUser returns emailVerified as a Date, to the millisecond', async () => {
        const user = aUser();
        await db.adapter.createUser(user);
        expectSameDate((await db.adapter.getUser(user.id))?.emailVerified, EMAIL_VERIFIED);
      });

      test('getUser returns emailVerified as null when it is null', async () => {
        const user = aUser({ emailVerified: null });
        await db.adapter.createUser(user);
        expect((await db.adapter.getUser(user.id))?.emailVerified).toBeNull();
      });

      test('getUser returns null for an unknown id', async () => {
        await db.adapter.createUser(aUser());
        expect(await db.adapter.getUser(uuid())).toBeNull();
      });

      test('getUser returns null for an id that is not a UUID', async () => {
        // Ids come from cookies and tokens: garbage must be a miss, not a database error.
        await db.adapter.createUser(aUser());
        expect(await db.adapter.getUser('not-a-uuid')).toBeNull();
      });

      test('getUserByEmail returns exactly the user with that email, as a plain object', async () => {
        const user = aUser();
        await db.adapter.createUser(aUser());
        await db.adapter.createUser(user);
        expectExactly(await db.adapter.getUserByEmail(user.email), user);
      });

      test('getUserByEmail returns null for an unknown email', async () => {
        await db.adapter.createUser(aUser());
        expect(await db.adapter.getUserByEmail('nobody@example.com')).toBeNull();
      });

      test('updateUser returns exactly the updated user, as a plain object', async () => {
        const user = aUser();
        await db.adapter.createUser(user);
        expectExactly(await db.adapter.updateUser({ id: user.id, name: 'Renamed' }), { ...user, name: 'Renamed' });
      });

      test('updateUser stores the fields it is given', async () => {
        const user = aUser();
        await db.adapter.createUser(user);
        await db.adapter.updateUser({ id: user.id, name: 'Renamed', email: 'renamed@example.com' });
        expect(pick(await db.adapter.getUser(user.id), ['name', 'email'])).toEqual({ name: 'Renamed', email: 'renamed@example.com' });
      });

      test('updateUser leaves the fields it is not given unchanged', async () => {
        const user = aUser();
        await db.adapter.createUser(user);
        await db.adapter.updateUser({ id: user.id, name: 'Renamed' });
        expectExactly(await db.adapter.getUser(user.id), { ...user, name: 'Renamed' });
      });

      test('updateUser sets emailVerified to a Date that round-trips to the millisecond', async () => {
        // What core does when a user signs in by email.
        const user = aUser({ emailVerified: null });
        await db.adapter.createUser(user);
        const verified = new Date('2033-04-05T06:07:08.912Z');
        await db.adapter.updateUser({ id: user.id, emailVerified: verified });
        expectSameDate((await db.adapter.getUser(user.id))?.emailVerified, verified);
      });

      test('updateUser clears a field to null', async () => {
        const user = aUser();
        await db.adapter.createUser(user);
        await db.adapter.updateUser({ id: user.id, image: null });
        expect((await db.adapter.getUser(user.id))?.image).toBeNull();
      });

      test('deleteUser removes the user', async () => {
        const user = aUser();
        await db.adapter.createUser(user);
        await db.adapter.deleteUser(user.id);
        expect(await db.adapter.getUser(user.id)).toBeNull();
      });

      test('deleteUser returns exactly the deleted user, as a plain object', async () => {
        const user = aUser();
        await db.adapter.createUser(user);
        expectRecord(await attempt(() => db.adapter.deleteUser(user.id)), user);
      });

      test("deleteUser removes the user's accounts and sessions, and only those", async () => {
        const [leaving, staying] = [aUser(), aUser()];
        const stayingAccount = anAccount(staying.id);
        const stayingSession = aSession(staying.id);
        await db.adapter.createUser(leaving);
        await db.adapter.createUser(staying);
        await db.adapter.linkAccount(anAccount(leaving.id));
        await db.adapter.linkAccount(stayingAccount);
        await db.adapter.createSession(aSession(leaving.id));
        await db.adapter.createSession(stayingSession);

        await db.adapter.deleteUser(leaving.id);

        expect({ users: await db.count('user'), accounts: await db.count('account'), sessions: await db.count('session') }).toEqual({
          users: 1,
          accounts: 1,
          sessions: 1,
        });
        expect((await db.adapter.getUserByAccount(accountKey(stayingAccount)))?.id).toBe(staying.id);
        expect((await db.adapter.getSessionAndUser(stayingSession.sessionToken))?.user.id).toBe(staying.id);
      });
    });

    describe('accounts', () => {
      const db = freshInstance(harness);
      let user: AdapterUser;
      beforeEach(async () => {
        user = aUser();
        await db.adapter.createUser(user);
      });

      test('linkAccount returns exactly the account it was given, with its id, as a plain object', async () => {
        const account = anAccount(user.id);
        expectRecord(await attempt(() => db.adapter.linkAccount(account)), storedAccount(account, AN_ID));
      });

      test('linkAccount returns the tokens it was not given as null', async () => {
        // What a passkey registration links: no tokens at all.
        const account: AdapterAccount = { userId: user.id, type: 'webauthn', provider: 'passkey', providerAccountId: uuid() };
        expectRecord(await attempt(() => db.adapter.linkAccount(account)), storedAccount(account, AN_ID));
      });

      test('linkAccount stores the account', async () => {
        await db.adapter.linkAccount(anAccount(user.id));
        expect(await db.count('account')).toBe(1);
      });

      test('linkAccount rejects for a user that does not exist, writing nothing', async () => {
        await expect(attempt(() => db.adapter.linkAccount(anAccount(uuid())))).rejects.toThrow();
        expect(await db.count('account')).toBe(0);
      });

      test('linkAccount rejects a second account with the same provider and providerAccountId', async () => {
        // Otherwise getUserByAccount could answer with either user.
        const other = aUser();
        await db.adapter.createUser(other);
        await db.adapter.linkAccount(anAccount(user.id, { providerAccountId: '42' }));
        await expect(attempt(() => db.adapter.linkAccount(anAccount(other.id, { providerAccountId: '42' })))).rejects.toThrow();
        expect(await db.count('account')).toBe(1);
      });

      test('linkAccount accepts a 4,000-character access_token and id_token', async () => {
        await db.adapter.linkAccount(anAccount(user.id, { access_token: longToken('ya29.'), id_token: longToken('eyJ') }));
        expect(await db.count('account')).toBe(1);
      });

      test('getUserByAccount returns exactly the user the account is linked to, as a plain object', async () => {
        const account = anAccount(user.id);
        await db.adapter.createUser(aUser());
        await db.adapter.linkAccount(account);
        expectExactly(await db.adapter.getUserByAccount(accountKey(account)), user);
      });

      test('getUserByAccount returns null for an unknown account', async () => {
        await db.adapter.linkAccount(anAccount(user.id));
        expect(await db.adapter.getUserByAccount({ provider: 'gitlab', providerAccountId: 'unknown' })).toBeNull();
      });

      test('getUserByAccount matches provider and providerAccountId together', async () => {
        await db.adapter.linkAccount(anAccount(user.id, { provider: 'github', providerAccountId: '7' }));
        await db.adapter.linkAccount(anAccount(user.id, { provider: 'google', providerAccountId: '8' }));
        expect({
          githubWithGooglesId: await db.adapter.getUserByAccount({ provider: 'github', providerAccountId: '8' }),
          googleWithGithubsId: await db.adapter.getUserByAccount({ provider: 'google', providerAccountId: '7' }),
        }).toEqual({ githubWithGooglesId: null, googleWithGithubsId: null });
      });

      test('unlinkAccount removes the account', async () => {
        const account = anAccount(user.id);
        await db.adapter.linkAccount(account);
        await db.adapter.unlinkAccount(accountKey(account));
        expect(await db.adapter.getUserByAccount(accountKey(account))).toBeNull();
        expect(await db.count('account')).toBe(0);
      });

      test('unlinkAccount leaves the user and their other accounts in place', async () => {
        const [github, google] = [anAccount(user.id), anAccount(user.id, { provider: 'google' })];
        await db.adapter.linkAccount(github);
        await db.adapter.linkAccount(google);
        await db.adapter.unlinkAccount(accountKey(github));
        expect((await db.adapter.getUserByAccount(accountKey(google)))?.id).toBe(user.id);
        expect(await db.count('user')).toBe(1);
      });

      test('unlinkAccount returns exactly the removed account, with the id linkAccount returned, as a plain object', async () => {
        const account = anAccount(user.id);
        const linked = await db.adapter.linkAccount(account);
        expectRecord(await attempt(() => db.adapter.unlinkAccount(accountKey(account))), storedAccount(account, idOf(linked)));
      });
    });

    describe('sessions', () => {
      const db = freshInstance(harness);
      let user: AdapterUser;
      beforeEach(async () => {
        user = aUser();
        await db.adapter.createUser(user);
      });

      test('createSession returns exactly the session it was given, with its id, as a plain object', async () => {
        const session = aSession(user.id);
        expectExactly(await db.adapter.createSession(session), { ...session, id: AN_ID });
      });

      test('createSession gives every session an id of its own', async () => {
        const [first, second] = [await db.adapter.createSession(aSession(user.id)), await db.adapter.createSession(aSession(user.id))];
        expect(pick(first, ['id'])).not.toEqual(pick(second, ['id']));
      });

      test('getSessionAndUser returns exactly the session, with the id createSession returned, and its user', async () => {
        const session = aSession(user.id);
        const created = await db.adapter.createSession(session);
        await db.adapter.createSession(aSession(user.id));
        const found = await db.adapter.getSessionAndUser(session.sessionToken);
        expectPlainObjectWithKeys(found, ['session', 'user']);
        expectExactly(found?.session, { ...session, id: idOf(created) });
        expectExactly(found?.user, user);
      });

      test('getSessionAndUser returns expires as a Date, to the millisecond', async () => {
        const session = aSession(user.id);
        await db.adapter.createSession(session);
        expectSameDate((await db.adapter.getSessionAndUser(session.sessionToken))?.session.expires, SESSION_EXPIRES);
      });

      test('getSessionAndUser returns null for an unknown token', async () => {
        await db.adapter.createSession(aSession(user.id));
        expect(await db.adapter.getSessionAndUser(uuid())).toBeNull();
      });

      test('updateSession returns exactly the updated session, with its id, as a plain object', async () => {
        const session = aSession(user.id);
        const created = await db.adapter.createSession(session);
        const expires = new Date('2034-05-06T07:08:09.123Z');
        const updated = await db.adapter.updateSession({ sessionToken: session.sessionToken, expires });
        expectExactly(updated, { ...session, id: idOf(created), expires });
      });

      test('updateSession stores the new expires, to the millisecond', async () => {
        const session = aSession(user.id);
        await db.adapter.createSession(session);
        const expires = new Date('2034-05-06T07:08:09.123Z');
        await db.adapter.updateSession({ sessionToken: session.sessionToken, expires });
        expectSameDate((await db.adapter.getSessionAndUser(session.sessionToken))?.session.expires, expires);
      });

      test('updateSession returns null or undefined for an unknown token, creating nothing', async () => {
        const result = await db.adapter.updateSession({ sessionToken: uuid(), expires: SESSION_EXPIRES });
        expect(result ?? null).toBeNull();
        expect(await db.count('session')).toBe(0);
      });

      test('deleteSession removes the session', async () => {
        const session = aSession(user.id);
        await db.adapter.createSession(session);
        await db.adapter.deleteSession(session.sessionToken);
        expect(await db.adapter.getSessionAndUser(session.sessionToken)).toBeNull();
      });

      test("deleteSession leaves the user's other sessions in place", async () => {
        const [deleted, kept] = [aSession(user.id), aSession(user.id)];
        await db.adapter.createSession(deleted);
        await db.adapter.createSession(kept);
        await db.adapter.deleteSession(deleted.sessionToken);
        expect((await db.adapter.getSessionAndUser(kept.sessionToken))?.session.sessionToken).toBe(kept.sessionToken);
      });

      test('deleteSession returns exactly the deleted session, with its id, as a plain object', async () => {
        // Core passes it on to events.signOut({ session }).
        const session = aSession(user.id);
        const created = await db.adapter.createSession(session);
        expectRecord(await attempt(() => db.adapter.deleteSession(session.sessionToken)), { ...session, id: idOf(created) });
      });
    });

    describe('verification tokens', () => {
      const db = freshInstance(harness);

      test('createVerificationToken returns exactly the token it was given, as a plain object', async () => {
        const token = aVerificationToken();
        expectRecord(await db.adapter.createVerificationToken(token), token);
      });

      test('createVerificationToken stores the token', async () => {
        await db.adapter.createVerificationToken(aVerificationToken());
        expect(await db.count('verificationToken')).toBe(1);
      });

      test('useVerificationToken returns exactly the token, expires to the millisecond, as a plain object', async () => {
        const token = aVerificationToken();
        await db.adapter.createVerificationToken(token);
        const used = await db.adapter.useVerificationToken({ identifier: token.identifier, token: token.token });
        expectExactly(used, token);
        expectSameDate(used?.expires, TOKEN_EXPIRES);
      });

      test('useVerificationToken returns null the second time', async () => {
        const token = aVerificationToken();
        await db.adapter.createVerificationToken(token);
        await db.adapter.useVerificationToken({ identifier: token.identifier, token: token.token });
        expect(await db.adapter.useVerificationToken({ identifier: token.identifier, token: token.token })).toBeNull();
      });

      test('useVerificationToken returns null for an unknown token', async () => {
        const token = aVerificationToken();
        await db.adapter.createVerificationToken(token);
        expect(await db.adapter.useVerificationToken({ identifier: token.identifier, token: hashToken('unknown') })).toBeNull();
      });

      test('useVerificationToken returns null for the wrong identifier', async () => {
        const token = aVerificationToken();
        await db.adapter.createVerificationToken(token);
        expect(await db.adapter.useVerificationToken({ identifier: 'someone-else@example.com', token: token.token })).toBeNull();
      });

      test('useVerificationToken with the wrong identifier does not consume the token', async () => {
        const token = aVerificationToken();
        await db.adapter.createVerificationToken(token);
        await db.adapter.useVerificationToken({ identifier: 'someone-else@example.com', token: token.token });
        expectExactly(await db.adapter.useVerificationToken({ identifier: token.identifier, token: token.token }), token);
      });

      test("useVerificationToken leaves the identifier's other tokens usable", async () => {
        // Two sign-in emails requested in a row: either link must still work.
        const first = aVerificationToken();
        const second = aVerificationToken({ identifier: first.identifier });
        await db.adapter.createVerificationToken(first);
        await db.adapter.createVerificationToken(second);
        await db.adapter.useVerificationToken({ identifier: first.identifier, token: first.token });
        expectExactly(await db.adapter.useVerificationToken({ identifier: second.identifier, token: second.token }), second);
      });
    });

    describe.skipIf(!harness.webauthn)('WebAuthn', () => {
      const db = freshInstance(harness);
      let user: AdapterUser;
      beforeEach(async () => {
        user = aUser();
        await db.adapter.createUser(user);
      });

      /** What core does on a passkey registration: link a webauthn account, then create the authenticator. */
      const register = async (userId: string, fields: Partial<AdapterAuthenticator> = {}): Promise<AdapterAuthenticator> => {
        const credentialID = Buffer.from(uuid()).toString('base64url');
        await db.adapter.linkAccount({ userId, type: 'webauthn', provider: 'passkey', providerAccountId: credentialID });
        const authenticator = anAuthenticator(userId, credentialID, fields);
        await db.adapter.createAuthenticator(authenticator);
        return authenticator;
      };

      test('implements getAccount and the authenticator methods', async () => {
        const adapter: Adapter = db.adapter;
        expect(WEBAUTHN_METHODS.filter((method) => typeof adapter[method] !== 'function')).toEqual([]);
      });

      test('getAccount returns exactly the account, with the id linkAccount returned, as a plain object', async () => {
        const account = anAccount(user.id);
        const linked = await db.adapter.linkAccount(account);
        await db.adapter.linkAccount(anAccount(user.id, { provider: 'google' }));
        expectExactly(await db.adapter.getAccount(account.providerAccountId, account.provider), storedAccount(account, idOf(linked)));
      });

      test('getAccount returns the tokens a passkey account was not given as null', async () => {
        const account: AdapterAccount = { userId: user.id, type: 'webauthn', provider: 'passkey', providerAccountId: uuid() };
        const linked = await db.adapter.linkAccount(account);
        expectExactly(await db.adapter.getAccount(account.providerAccountId, account.provider), storedAccount(account, idOf(linked)));
      });

      test('getAccount returns null for an unknown account', async () => {
        const account = anAccount(user.id);
        await db.adapter.linkAccount(account);
        expect({
          unknownProvider: await db.adapter.getAccount(account.providerAccountId, 'gitlab'),
          unknownProviderAccountId: await db.adapter.getAccount('unknown', account.provider),
        }).toEqual({ unknownProvider: null, unknownProviderAccountId: null });
      });

      test('getAccount returns expires_at as the same number of seconds', async () => {
        const account = anAccount(user.id);
        await db.adapter.linkAccount(account);
        expect((await db.adapter.getAccount(account.providerAccountId, account.provider))?.expires_at).toBe(EXPIRES_AT);
      });

      test('getAccount returns a 4,000-character access_token and id_token unchanged', async () => {
        const account = anAccount(user.id, { access_token: longToken('ya29.'), id_token: longToken('eyJ') });
        await db.adapter.linkAccount(account);
        const found = await db.adapter.getAccount(account.providerAccountId, account.provider);
        expect(pick(found, ['access_token', 'id_token'])).toEqual({ access_token: account.access_token, id_token: account.id_token });
      });

      test('createAuthenticator returns exactly the authenticator it was given, as a plain object', async () => {
        const credentialID = Buffer.from(uuid()).toString('base64url');
        await db.adapter.linkAccount({ userId: user.id, type: 'webauthn', provider: 'passkey', providerAccountId: credentialID });
        const authenticator = anAuthenticator(user.id, credentialID);
        expectExactly(await db.adapter.createAuthenticator(authenticator), authenticator);
      });

      test('getAuthenticator returns exactly the authenticator with that credentialID, as a plain object', async () => {
        const authenticator = await register(user.id, { counter: 3, credentialBackedUp: true });
        await register(user.id);
        expectExactly(await db.adapter.getAuthenticator(authenticator.credentialID), authenticator);
      });

      test('getAuthenticator returns null for an unknown credentialID', async () => {
        await register(user.id);
        expect(await db.adapter.getAuthenticator('unknown-credential')).toBeNull();
      });

      test("listAuthenticatorsByUserId returns exactly the user's authenticators, as plain objects", async () => {
        const other = aUser();
        await db.adapter.createUser(other);
        const mine = [await register(user.id), await register(user.id, { transports: null })];
        await register(other.id);
        const listed = await db.adapter.listAuthenticatorsByUserId(user.id);
        expect(Array.isArray(listed)).toBe(true);
        const byId = (a: AdapterAuthenticator, b: AdapterAuthenticator): number => a.credentialID.localeCompare(b.credentialID);
        for (const authenticator of listed) expectPlainObject(authenticator);
        expect([...listed].sort(byId)).toStrictEqual([...mine].sort(byId));
      });

      test('listAuthenticatorsByUserId returns an empty array for a user without authenticators', async () => {
        const other = aUser();
        await db.adapter.createUser(other);
        await register(other.id);
        expect({
          userWithout: await db.adapter.listAuthenticatorsByUserId(user.id),
          unknownUser: await db.adapter.listAuthenticatorsByUserId(uuid()),
          // As the official suite asks: an id that is no UUID is a miss too, on every database.
          notAUuid: await db.adapter.listAuthenticatorsByUserId('invalid-user-id'),
        }).toEqual({ userWithout: [], unknownUser: [], notAUuid: [] });
      });

      test('updateAuthenticatorCounter returns exactly the authenticator with the new counter, as a plain object', async () => {
        const authenticator = await register(user.id);
        expectExactly(await db.adapter.updateAuthenticatorCounter(authenticator.credentialID, 7), { ...authenticator, counter: 7 });
      });

      test('updateAuthenticatorCounter stores the new counter', async () => {
        const authenticator = await register(user.id);
        await db.adapter.updateAuthenticatorCounter(authenticator.credentialID, 7);
        expect((await db.adapter.getAuthenticator(authenticator.credentialID))?.counter).toBe(7);
      });

      test('updateAuthenticatorCounter rejects for an unknown credentialID', async () => {
        await register(user.id);
        await expect(attempt(() => db.adapter.updateAuthenticatorCounter('unknown-credential', 7))).rejects.toThrow();
      });

      test("deleteUser removes the user's authenticators, and only those", async () => {
        const other = aUser();
        await db.adapter.createUser(other);
        await register(user.id);
        const kept = await register(other.id);
        await db.adapter.deleteUser(user.id);
        expect(await db.count('authenticator')).toBe(1);
        expect((await db.adapter.getAuthenticator(kept.credentialID))?.userId).toBe(other.id);
      });
    });

    describe('empty database (tables created on first use)', () => {
      const db = freshInstance(harness, { emptyDatabase: true });

      /** Five createUser calls interleaved with five getUserByEmail calls, all at once. */
      const tenConcurrentFirstCalls = (users: readonly AdapterUser[]): Array<Promise<unknown>> =>
        users.flatMap((user) => [attempt(() => db.adapter.createUser(user)), attempt(() => db.adapter.getUserByEmail(user.email))]);

      test('the first call on an empty database creates what it needs', async () => {
        const user = aUser();
        await db.adapter.createUser(user);
        expectExactly(await db.adapter.getUser(user.id), user);
      });

      test('ten concurrent first calls on an empty database all succeed', async () => {
        const results = await Promise.allSettled(tenConcurrentFirstCalls(Array.from({ length: 5 }, () => aUser())));
        expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
      });

      test('ten concurrent first calls on an empty database leave every created user in place', async () => {
        const users = Array.from({ length: 5 }, () => aUser());
        await Promise.allSettled(tenConcurrentFirstCalls(users));
        expect(await db.count('user')).toBe(5);
        for (const user of users) expect((await db.adapter.getUserByEmail(user.email))?.id).toBe(user.id);
      });
    });

    describe('sign-in flows, as core performs them', () => {
      const db = freshInstance(harness);
      const maxAge = 30 * 24 * 60 * 60 * 1000;

      /** OAuth sign-in of someone unknown, call for call as handleLoginOrRegister makes it. */
      const oauthSignUp = async (email: string): Promise<{ user: AdapterUser; account: AdapterAccount; sessionToken: string }> => {
        const adapter = db.adapter;
        // getUserAndAccount(): a fresh user id, the provider's id as providerAccountId.
        const profile = { id: uuid(), name: 'Ada Lovelace', email, image: 'https://example.com/ada.png' };
        const account = anAccount('', { expires_at: Math.floor(Date.now() / 1000) + 3600 });
        expect(await adapter.getUserByAccount(accountKey(account))).toBeNull();
        expect(await adapter.getUserByEmail(email)).toBeNull();
        const user = await adapter.createUser({ ...profile, emailVerified: null });
        await adapter.linkAccount({ ...account, userId: user.id });
        const sessionToken = uuid();
        await adapter.createSession({ sessionToken, userId: user.id, expires: new Date(Date.now() + maxAge) });
        return { user, account: { ...account, userId: user.id }, sessionToken };
      };

      /** sendToken() then the email callback, up to the point where core has an invite. */
      const emailLink = async (email: string): Promise<VerificationToken | null> => {
        const adapter = db.adapter;
        await adapter.getUserByEmail(email);
        const token = { identifier: email, token: hashToken(uuid()), expires: new Date(Date.now() + 24 * 60 * 60 * 1000) };
        await adapter.createVerificationToken(token);
        return await adapter.useVerificationToken({ identifier: email, token: token.token });
      };

      test('OAuth sign-in of a new user: getUserByAccount, getUserByEmail, createUser, linkAccount, createSession, getSessionAndUser', async () => {
        const { user, account, sessionToken } = await oauthSignUp('ada@example.com');
        const signedIn = await db.adapter.getSessionAndUser(sessionToken);
        expect({ user: signedIn?.user.id, session: signedIn?.session.userId }).toEqual({ user: user.id, session: user.id });
        expect((await db.adapter.getUserByAccount(accountKey(account)))?.id).toBe(user.id);
      });

      test('email sign-in of a new user: createVerificationToken, useVerificationToken, getUserByEmail, createUser, createSession', async () => {
        const email = 'grace@example.com';
        const invite = await emailLink(email);
        expect(invite?.identifier).toBe(email);
        expect((invite?.expires.valueOf() ?? 0) > Date.now()).toBe(true);
        // The callback looks the user up, then handleLoginOrRegister does again.
        expect(await db.adapter.getUserByEmail(email)).toBeNull();
        expect(await db.adapter.getUserByEmail(email)).toBeNull();
        const user = await db.adapter.createUser({ id: uuid(), email, emailVerified: new Date() });
        const session = await db.adapter.createSession({ sessionToken: uuid(), userId: user.id, expires: new Date(Date.now() + maxAge) });
        expect((await db.adapter.getSessionAndUser(session.sessionToken))?.user.email).toBe(email);
      });

      test('email sign-in of a user who signed up with OAuth: getUserByEmail finds them, updateUser verifies the email', async () => {
        const email = 'ada@example.com';
        const { user } = await oauthSignUp(email);
        expect(await emailLink(email)).not.toBeNull();
        const existing = await db.adapter.getUserByEmail(email);
        expect(existing?.id).toBe(user.id);
        const verified = await db.adapter.updateUser({ id: user.id, emailVerified: new Date() });
        await db.adapter.createSession({ sessionToken: uuid(), userId: verified.id, expires: new Date(Date.now() + maxAge) });
        expect((await db.adapter.getUser(user.id))?.emailVerified).toBeInstanceOf(Date);
        expect({ users: await db.count('user'), sessions: await db.count('session') }).toEqual({ users: 1, sessions: 2 });
      });

      test('session check: getSessionAndUser, then updateSession extends the session', async () => {
        const { sessionToken } = await oauthSignUp('ada@example.com');
        expect(await db.adapter.getSessionAndUser(sessionToken)).not.toBeNull();
        const extended = new Date(Date.now() + 2 * maxAge);
        await db.adapter.updateSession({ sessionToken, expires: extended });
        expectSameDate((await db.adapter.getSessionAndUser(sessionToken))?.session.expires, extended);
      });
    });

    describe('custom user model (extra phoneNumber attribute)', () => {
      const db = freshInstance(harness, { customUser: true });
      const phoneUser = (): AdapterUser & { phoneNumber: string } => ({ ...aUser(), phoneNumber: '+44 20 7946 0000' });

      test('createUser returns the extra phoneNumber attribute', async () => {
        const user = phoneUser();
        expect(pick(await db.adapter.createUser(user), ['phoneNumber'])).toEqual({ phoneNumber: user.phoneNumber });
      });

      test('getUser returns exactly the user with the extra phoneNumber attribute', async () => {
        const user = phoneUser();
        await db.adapter.createUser(user);
        expectExactly(await db.adapter.getUser(user.id), user);
      });

      test('getUserByEmail returns exactly the user with the extra phoneNumber attribute', async () => {
        const user = phoneUser();
        await db.adapter.createUser(user);
        expectExactly(await db.adapter.getUserByEmail(user.email), user);
      });

      test('getSessionAndUser returns exactly the session and the user with the extra phoneNumber attribute', async () => {
        const user = phoneUser();
        await db.adapter.createUser(user);
        const session = aSession(user.id);
        const created = await db.adapter.createSession(session);
        const found = await db.adapter.getSessionAndUser(session.sessionToken);
        expectExactly(found?.session, { ...session, id: idOf(created) });
        expectExactly(found?.user, user);
      });
    });

    if (knownFailures.size > 0) {
      it('lists only known failures that are titles of this suite', () => {
        // Runs after the whole file is collected, so every title is known by now.
        expect([...knownFailures].filter((title) => !titles.has(title))).toEqual([]);
      });
    }
  });
}
