// One fixed sequence of Adapter calls — every method, its hits and misses, and the failures the
// contract expects (unique and foreign key violations, an unknown authenticator) — recorded as
// plain data: what each call returned or threw, and the adapter's tables at two checkpoints. Two
// databases that behave the same give the same record once `normaliseRecord` has numbered the
// values that are random by design (generated UUIDs).
import { messages } from '@electric-sql/pglite';
import type { Adapter, AdapterAccount, AdapterAuthenticator } from '@auth/core/adapters';

/** A table as the database holds it: its columns, constraints and rows, all as the server renders them. */
export interface TableSnapshot {
  readonly columns: readonly string[];
  readonly constraints: readonly string[];
  /** Each row as `to_jsonb(row)::text`, in no particular order (`normaliseRecord` sorts them). */
  readonly rows: readonly string[];
}

export type DatabaseSnapshot = Readonly<Record<string, TableSnapshot>>;

export interface CallRecord {
  readonly call: string;
  readonly returned?: unknown;
  readonly threw?: unknown;
  /** The statements the call sent, as the ORM logged them. */
  readonly sent: readonly string[];
}

export interface ScriptRecord {
  readonly calls: readonly CallRecord[];
  /** The tables after the creating calls, and at the end. */
  readonly snapshots: Readonly<Record<'created' | 'end', DatabaseSnapshot>>;
}

const USER_ID = '00000000-0000-4000-8000-000000000001';
const OTHER_ID = '00000000-0000-4000-8000-000000000002';
const MISSING_ID = '00000000-0000-4000-8000-00000000dead';
const EMAIL = 'ada@example.com';
/** Dates with milliseconds, so that a lost millisecond shows. */
const VERIFIED = new Date('2030-01-02T03:04:05.678Z');
const EXPIRES = new Date('2031-02-03T04:05:06.789Z');
const LATER = new Date('2032-03-04T05:06:07.891Z');
/** Google's tokens run to thousands of characters: past any VARCHAR(255). */
const LONG_TOKEN = `eyJ${'x'.repeat(3_997)}`;

const account = (fields: Partial<AdapterAccount> = {}): AdapterAccount => ({
  userId: USER_ID,
  type: 'oauth',
  provider: 'google',
  providerAccountId: '1001',
  access_token: LONG_TOKEN,
  id_token: LONG_TOKEN,
  refresh_token: 'refresh',
  expires_at: 1_900_000_123,
  token_type: 'bearer',
  scope: 'openid email',
  session_state: null,
  ...fields,
});

const authenticator = (fields: Partial<AdapterAuthenticator> = {}): AdapterAuthenticator => ({
  credentialID: 'credential-1',
  userId: USER_ID,
  providerAccountId: 'credential-1',
  credentialPublicKey: 'cHVibGljIGtleQ==',
  counter: 0,
  credentialDeviceType: 'singleDevice',
  credentialBackedUp: false,
  transports: 'internal,hybrid',
  ...fields,
});

/**
 * Runs the sequence on `adapter`; `snapshot` reads the database at each checkpoint, and
 * `statements` is the ORM's live log, from which each call's statements are sliced.
 */
export async function runCallScript(adapter: Adapter, snapshot: () => Promise<DatabaseSnapshot>, statements: readonly string[]): Promise<ScriptRecord> {
  const a = adapter as Required<Adapter>;
  const calls: CallRecord[] = [];
  const call = async (name: string, run: () => unknown): Promise<void> => {
    const before = statements.length;
    try {
      const returned = plain(await run());
      calls.push({ call: name, returned, sent: statements.slice(before) });
    } catch (error) {
      calls.push({ call: name, threw: plain(error), sent: statements.slice(before) });
    }
  };
  const user = { id: USER_ID, name: 'Ada', email: EMAIL, emailVerified: VERIFIED, image: null };

  await call('createUser', () => a.createUser(user));
  await call('createUser, same email', () => a.createUser({ ...user, id: OTHER_ID }));
  await call('createUser, same id', () => a.createUser({ ...user, email: 'other@example.com' }));
  await call('createUser, second user', () => a.createUser({ id: OTHER_ID, email: 'grace@example.com', emailVerified: null }));
  await call('getUser', () => a.getUser(USER_ID));
  await call('getUser, unknown', () => a.getUser(MISSING_ID));
  await call('getUser, not a UUID', () => a.getUser('not-a-uuid'));
  await call('getUserByEmail', () => a.getUserByEmail(EMAIL));
  await call('getUserByEmail, other case', () => a.getUserByEmail(EMAIL.toUpperCase()));
  await call('getUserByEmail, unknown', () => a.getUserByEmail('nobody@example.com'));
  await call('updateUser', () => a.updateUser({ id: USER_ID, name: 'Ada Lovelace', image: 'https://example.com/ada.png' }));
  await call('updateUser, to an email taken', () => a.updateUser({ id: OTHER_ID, email: EMAIL }));
  await call('updateUser, unknown', () => a.updateUser({ id: MISSING_ID, name: 'Nobody' }));

  await call('linkAccount', () => a.linkAccount(account()));
  // GitHub gives no id_token: the key is absent, as core passes it.
  const { id_token: _none, ...github } = account({ provider: 'github', providerAccountId: '42', access_token: 'gho' });
  await call('linkAccount, second provider', () => a.linkAccount(github));
  await call('linkAccount, same provider account', () => a.linkAccount(account({ userId: OTHER_ID })));
  await call('linkAccount, unknown user', () => a.linkAccount(account({ userId: MISSING_ID, providerAccountId: '1002' })));
  await call('getUserByAccount', () => a.getUserByAccount({ provider: 'google', providerAccountId: '1001' }));
  await call('getUserByAccount, unknown', () => a.getUserByAccount({ provider: 'google', providerAccountId: '42' }));
  await call('getAccount', () => a.getAccount('1001', 'google'));
  await call('getAccount, unknown', () => a.getAccount('1001', 'github'));

  await call('createSession', () => a.createSession({ sessionToken: 'session-1', userId: USER_ID, expires: EXPIRES }));
  await call('createSession, same token', () => a.createSession({ sessionToken: 'session-1', userId: OTHER_ID, expires: EXPIRES }));
  await call('createSession, unknown user', () => a.createSession({ sessionToken: 'session-2', userId: MISSING_ID, expires: EXPIRES }));
  await call('createSession, second', () => a.createSession({ sessionToken: 'session-3', userId: USER_ID, expires: EXPIRES }));
  await call('getSessionAndUser', () => a.getSessionAndUser('session-1'));
  await call('getSessionAndUser, unknown', () => a.getSessionAndUser('session-9'));
  await call('updateSession', () => a.updateSession({ sessionToken: 'session-1', expires: LATER }));
  await call('updateSession, unknown', () => a.updateSession({ sessionToken: 'session-9', expires: LATER }));

  await call('createVerificationToken', () => a.createVerificationToken({ identifier: EMAIL, token: 'token-1', expires: EXPIRES }));
  await call('createVerificationToken, same token', () => a.createVerificationToken({ identifier: EMAIL, token: 'token-1', expires: LATER }));
  await call('createVerificationToken, second', () => a.createVerificationToken({ identifier: EMAIL, token: 'token-2', expires: EXPIRES }));

  await call('createAuthenticator', () => a.createAuthenticator(authenticator()));
  await call('createAuthenticator, same credentialID', () => a.createAuthenticator(authenticator({ userId: OTHER_ID })));
  await call('createAuthenticator, unknown user', () => a.createAuthenticator(authenticator({ credentialID: 'credential-2', userId: MISSING_ID })));
  await call('createAuthenticator, second', () => a.createAuthenticator(authenticator({ credentialID: 'credential-3', transports: null })));
  await call('getAuthenticator', () => a.getAuthenticator('credential-1'));
  await call('getAuthenticator, unknown', () => a.getAuthenticator('credential-9'));
  await call('listAuthenticatorsByUserId', () => a.listAuthenticatorsByUserId(USER_ID));
  await call('listAuthenticatorsByUserId, none', () => a.listAuthenticatorsByUserId(OTHER_ID));
  await call('updateAuthenticatorCounter', () => a.updateAuthenticatorCounter('credential-1', 7));
  await call('updateAuthenticatorCounter, unknown', () => a.updateAuthenticatorCounter('credential-9', 7));

  const created = await snapshot();

  await call('useVerificationToken', () => a.useVerificationToken({ identifier: EMAIL, token: 'token-1' }));
  await call('useVerificationToken, again', () => a.useVerificationToken({ identifier: EMAIL, token: 'token-1' }));
  await call('useVerificationToken, wrong identifier', () => a.useVerificationToken({ identifier: 'grace@example.com', token: 'token-2' }));
  await call('deleteSession', () => a.deleteSession('session-1'));
  await call('deleteSession, unknown', () => a.deleteSession('session-1'));
  await call('unlinkAccount', () => a.unlinkAccount({ provider: 'github', providerAccountId: '42' }));
  await call('unlinkAccount, unknown', () => a.unlinkAccount({ provider: 'github', providerAccountId: '42' }));
  await call('deleteUser', () => a.deleteUser(USER_ID));
  await call('deleteUser, unknown', () => a.deleteUser(USER_ID));

  return { calls, snapshots: { created, end: await snapshot() } };
}

// --- Plain data ------------------------------------------------------------------------------

/** What an error says about itself; the ORMs' wrappers and the driver's error below them. */
const ERROR_FIELDS = [
  'message',
  'code',
  'sqlState',
  'severity',
  'detail',
  'hint',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'where',
  'fields',
  'index',
] as const;

/**
 * `value` as plain data that toStrictEqual compares and a diff shows: dates as ISO strings,
 * instances under the name of their class, errors with their fields and their cause.
 */
export function plain(value: unknown, depth = 0): unknown {
  if (depth > 6) return '…';
  if (value === undefined) return { undefined: true };
  if (typeof value === 'bigint') return { bigint: String(value) };
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return { date: Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString() };
  if (Buffer.isBuffer(value)) return { buffer: value.toString('hex') };
  if (Array.isArray(value)) return value.map((item) => plain(item, depth + 1));
  if (value instanceof Error) {
    const source = value as unknown as Record<string, unknown>;
    const described: Record<string, unknown> = { error: errorClass(value), name: value.name };
    for (const field of ERROR_FIELDS) if (source[field] !== undefined) described[field] = plain(source[field], depth + 1);
    // Sequelize's validation items; Sequelize's `parent`, or the standard `cause`, is the driver's error.
    if (Array.isArray(source['errors'])) described['errors'] = source['errors'].map((item) => plain(pickItem(item), depth + 1));
    const cause = source['parent'] ?? source['cause'];
    if (cause !== undefined) described['cause'] = plain(cause, depth + 1);
    return described;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  const entries = Object.entries(value).map(([key, item]) => [key, plain(item, depth + 1)] as const);
  if (prototype === Object.prototype || prototype === null) return Object.fromEntries(entries);
  const maker = (prototype as { constructor?: { name?: string } }).constructor;
  return { instanceOf: maker?.name ?? '?', ...Object.fromEntries(entries) };
}

/**
 * The error's class by name, except PGlite's copy of pg-protocol's DatabaseError (its minified name
 * is a letter): the same fields and messages as pg's, named as pg's so that the rest compares.
 * That `instanceof pg.DatabaseError` fails for it is a difference of its own, tested on its own.
 */
function errorClass(error: Error): string {
  return error instanceof messages.DatabaseError ? 'DatabaseError' : error.constructor.name;
}

/** A Sequelize ValidationErrorItem's own facts (its `instance` is an ORM object, left out). */
function pickItem(item: unknown): unknown {
  if (item === null || typeof item !== 'object') return item;
  const { message, type, path, value, validatorKey } = item as Record<string, unknown>;
  return { message, type, path, value, validatorKey };
}

// --- Normalising -----------------------------------------------------------------------------

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * `record` with the database's name in statements as `<database>`, every UUID the script did not choose replaced by its order of appearance
 * (`<uuid 1>`, …: the same UUID gets the same number wherever it appears), and the rows of each
 * table in a stable order. The calls come first, so numbering follows the script; rows are
 * sorted with the UUIDs already numbered, so the generated ids do not decide their order.
 */
export function normaliseRecord(record: ScriptRecord, databaseName: string): ScriptRecord {
  const numbers = new Map<string, number>();
  const fixed = new Set([USER_ID, OTHER_ID, MISSING_ID]);
  const number = (text: string): string =>
    text.replace(UUID, (uuid) => {
      if (fixed.has(uuid)) return uuid;
      if (!numbers.has(uuid)) numbers.set(uuid, numbers.size + 1);
      return `<uuid ${numbers.get(uuid)}>`;
    });
  const known = (text: string): string => text.replace(UUID, (uuid) => (fixed.has(uuid) ? uuid : numbers.has(uuid) ? `<uuid ${numbers.get(uuid)}>` : '<uuid>'));
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return number(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item)]));
    return value;
  };
  // The database's own name, which statements may quote (MikroORM checks that it exists).
  const named = record.calls.map((call) => ({ ...call, sent: call.sent.map((sql) => sql.replaceAll(`'${databaseName}'`, "'<database>'")) }));
  const calls = walk(named) as CallRecord[];
  const table = (snapshot: TableSnapshot): TableSnapshot => ({
    columns: snapshot.columns,
    constraints: snapshot.constraints,
    rows: [...snapshot.rows].sort((x, y) => known(x).localeCompare(known(y))).map(number),
  });
  const database = (snapshot: DatabaseSnapshot): DatabaseSnapshot => Object.fromEntries(Object.entries(snapshot).map(([name, item]) => [name, table(item)]));
  return { calls, snapshots: { created: database(record.snapshots.created), end: database(record.snapshots.end) } };
}
