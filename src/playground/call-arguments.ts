import type { AdapterMethod, CellValue, TableView } from './protocol.ts';

/** Fields of the Auth.js shapes that hold a Date: given as ISO strings in JSON, revived before the call. */
const DATE_FIELDS = new Set(['expires', 'emailVerified']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * JSON arguments as an adapter method receives them from Auth.js: ISO strings in `expires` and
 * `emailVerified` become Dates (JSON has none).
 */
export function reviveArguments(method: AdapterMethod, args: readonly unknown[]): unknown[] {
  void method;
  return args.map((arg) => revive(arg));
}

function revive(value: unknown, key?: string): unknown {
  if (typeof value === 'string' && key && DATE_FIELDS.has(key) && ISO_DATE.test(value)) return new Date(value);
  if (Array.isArray(value)) return value.map((item) => revive(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, revive(item, name)]));
  }
  return value;
}

type Row = Readonly<Record<string, CellValue>>;

/** The newest live row of the first table that has all of `columns` (snake_case or camelCase). */
function newestRow(tables: readonly TableView[], columns: readonly string[]): Row | undefined {
  for (const table of tables) {
    const indexes = columns.map((column) => {
      const camel = column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
      const index = table.columns.indexOf(column);
      return index === -1 ? table.columns.indexOf(camel) : index;
    });
    if (indexes.includes(-1)) continue;
    const row = [...table.rows].reverse().find((candidate) => candidate.status !== 'deleted');
    if (!row) continue;
    return Object.fromEntries(columns.map((column, i) => [column, row.values[indexes[i]!] ?? null]));
  }
  return undefined;
}

function countRows(tables: readonly TableView[], column: string): number {
  return tables.find((table) => table.columns.includes(column))?.rowCount ?? 0;
}

const text = (value: CellValue | undefined, fallback: string): string => (value === undefined || value === null ? fallback : String(value));

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Realistic arguments for `method`, as Auth.js would pass them, using ids, e-mails and tokens
 * from the current tables so that lookups find something; new ids where a method creates.
 */
export function suggestArguments(method: AdapterMethod, tables: readonly TableView[], now = Date.now()): unknown[] {
  const user = newestRow(tables, ['id', 'email']);
  const account = newestRow(tables, ['provider', 'provider_account_id']);
  const session = newestRow(tables, ['session_token']);
  const token = newestRow(tables, ['identifier', 'token']);
  const authenticator = newestRow(tables, ['credential_id', 'counter']);
  const userId = text(user?.['id'], crypto.randomUUID());
  const email = text(user?.['email'], 'ada@example.com');
  const provider = text(account?.['provider'], 'github');
  const providerAccountId = text(account?.['provider_account_id'], '583231');
  const sessionToken = text(session?.['session_token'], crypto.randomUUID());
  const credentialID = text(authenticator?.['credential_id'], 'KEbWNCc7NgaYnUyrNeFGX9_3Y-8oJ3KwzjnaiD1d1LVTxR7v3CaKfCz2Vy_g_MHSh7yJ8yL0Pxg6jo_o0hYiew');
  const inDays = (days: number): string => new Date(now + days * 86_400_000).toISOString();
  const n = countRows(tables, 'email') + 1;
  switch (method) {
    case 'createUser':
      return [{ id: crypto.randomUUID(), name: 'Grace Hopper', email: `grace+${n}@example.com`, emailVerified: null, image: 'https://example.com/grace.png' }];
    case 'getUser':
    case 'deleteUser':
    case 'listAuthenticatorsByUserId':
      return [userId];
    case 'getUserByEmail':
      return [email];
    case 'getUserByAccount':
    case 'unlinkAccount':
      return [{ provider, providerAccountId }];
    case 'updateUser':
      return [{ id: userId, name: 'Ada King', emailVerified: new Date(now).toISOString() }];
    case 'linkAccount':
      return [
        {
          userId,
          type: 'oidc',
          provider: 'google',
          providerAccountId: String(100_000_000_000 + n),
          access_token: `ya29.${randomHex(24)}`,
          expires_at: Math.floor(now / 1000) + 3600,
          token_type: 'bearer',
          scope: 'openid email profile',
          id_token: `eyJhbGciOiJSUzI1NiJ9.${randomHex(16)}`,
        },
      ];
    case 'createSession':
      return [{ sessionToken: crypto.randomUUID(), userId, expires: inDays(30) }];
    case 'getSessionAndUser':
    case 'deleteSession':
      return [sessionToken];
    case 'updateSession':
      return [{ sessionToken, expires: inDays(60) }];
    case 'createVerificationToken':
      return [{ identifier: email, token: randomHex(32), expires: inDays(1) }];
    case 'useVerificationToken':
      return [{ identifier: text(token?.['identifier'], email), token: text(token?.['token'], randomHex(32)) }];
    case 'getAccount':
      return [providerAccountId, provider];
    case 'createAuthenticator':
      return [
        {
          credentialID: `cred-${randomHex(8)}`,
          userId,
          providerAccountId: `cred-${randomHex(8)}`,
          credentialPublicKey: 'pQECAyYgASFYIK3Gj5Tjk4n0EjwLc8JWz4X8sz8MC0n0',
          counter: 0,
          credentialDeviceType: 'singleDevice',
          credentialBackedUp: false,
          transports: 'internal',
        },
      ];
    case 'getAuthenticator':
      return [credentialID];
    case 'updateAuthenticatorCounter':
      return [credentialID, Number(authenticator?.['counter'] ?? 0) + 1];
  }
}
