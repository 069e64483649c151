// The published package, installed like a user would: `npm pack` packages/sequelize-adapter (its
// prepack script builds dist/ with tsc), install the tarball from scratch next to sequelize, pg
// and @auth/core from the registry, then
// - run an Auth.js sign-in flow from plain Node (no bundler, no TypeScript loader, no
//   "adapter-lab-source" condition: dist/ only) against a fresh PostgreSQL database, and
// - type-check a consumer file against the shipped declarations with the repo's tsc.
// Packing and installing take a while (registry downloads): once, in beforeAll.
import { execFile } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, runNode, typeCheck, type InstalledProject } from '../../support/npm-pack.ts';
import { freshPostgresDatabase, withPgClient, type FreshPostgresDatabase } from '../../support/postgres.ts';

const PACKAGE_DIR = fileURLToPath(new URL('../../../packages/sequelize-adapter', import.meta.url));
const PACKAGE_NAME = '@adapter-lab/sequelize-adapter';
const TIMEOUT = 180_000;

let project: InstalledProject;
let database: FreshPostgresDatabase | undefined;

beforeAll(async () => {
  project = await packAndInstall(PACKAGE_DIR, {
    sequelize: '6.37.8',
    pg: '8.23.0',
    'pg-hstore': '2.3.4',
    '@auth/core': '0.41.3',
  });
}, TIMEOUT);

afterAll(async () => {
  await project?.cleanup();
  await database?.drop();
});

/** The tarball's entries, without tar's leading `package/`. */
async function tarballFiles(): Promise<string[]> {
  const { stdout } = await promisify(execFile)('tar', ['-tzf', project.tarball]);
  return stdout
    .split('\n')
    .filter((line) => line && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''))
    .sort();
}

describe('the packed tarball', () => {
  it('holds the built dist/ (JS, declarations, maps), the sources the maps point to, README and package.json', async () => {
    expect(project.packageName).toBe(PACKAGE_NAME);
    // Every source module, and nothing but them: no tests, no tsconfig, no stale build output.
    const modules = (await readdir(join(PACKAGE_DIR, 'src'))).filter((name) => name.endsWith('.ts')).map((name) => name.slice(0, -3));
    expect(modules).toContain('index');
    const expected = [
      'README.md',
      'package.json',
      ...modules.flatMap((module) => [`dist/${module}.js`, `dist/${module}.js.map`, `dist/${module}.d.ts`, `dist/${module}.d.ts.map`, `src/${module}.ts`]),
    ];
    const files = await tarballFiles();
    expect(files.filter((file) => /\.(test|spec)\.|(^|\/)(tests?|__tests__)\/|tsconfig|\.tsbuildinfo$/.test(file))).toEqual([]);
    expect(files).toEqual(expected.sort());
  });
});

// Auth.js's own call sequence (@auth/core 0.41: lib/actions/callback/handle-login.js, oauth and
// email callbacks, signin/send-token.js), with the values core passes. Every result is recorded
// with the paths of the Date objects in it and of any object that is not a plain object.
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const SIGN_IN_SCRIPT = `
import { createHash, randomUUID } from 'node:crypto';
import { Sequelize } from 'sequelize';
import SequelizeAdapter, { models } from '${PACKAGE_NAME}';

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

const sequelize = new Sequelize(process.env.DATABASE_URL, { logging: false });
const adapter = SequelizeAdapter(sequelize);
try {
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

  console.log(JSON.stringify({
    resolved: import.meta.resolve('${PACKAGE_NAME}'),
    modelKeys: Object.keys(models).sort(),
    inputs: { userId, sessionToken, hashed, account },
    results,
  }));
} finally {
  await sequelize.close();
}
`;

interface Recorded {
  value: unknown;
  dates: string[];
  notPlain: string[];
}

interface SignInOutput {
  resolved: string;
  modelKeys: string[];
  inputs: { userId: string; sessionToken: string; hashed: string; account: Record<string, unknown> };
  results: Record<string, Recorded>;
}

describe('from plain Node, on PostgreSQL', () => {
  it('runs an Auth.js OAuth and e-mail sign-in with plain-object results', { timeout: TIMEOUT }, async () => {
    database = await freshPostgresDatabase();
    await writeFile(join(project.projectDir, 'sign-in.mjs'), SIGN_IN_SCRIPT);
    const run = await runNode(project.projectDir, 'sign-in.mjs', { DATABASE_URL: database.connectionString });
    expect(run.code, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout) as SignInOutput;

    // Node picked dist/ from the installed package through its "exports".
    expect(output.resolved).toMatch(/\/node_modules\/@adapter-lab\/sequelize-adapter\/dist\/index\.js$/);
    expect(output.modelKeys).toEqual(['Account', 'Authenticator', 'Session', 'User', 'VerificationToken']);

    const { userId, sessionToken, hashed, account } = output.inputs;
    // The ids the adapter generated, as the creating calls returned them: every later result
    // about the same row must carry the same id, and the database must hold it.
    const idOf = (step: string): unknown => (output.results[step]?.value as { id?: unknown } | undefined)?.id;
    const [accountId, sessionId, emailSessionId] = [idOf('linkAccount'), idOf('createSession'), idOf('createSession:email')];
    expect([accountId, sessionId, emailSessionId]).toEqual([expect.stringMatching(UUID_V4), expect.stringMatching(UUID_V4), expect.stringMatching(UUID_V4)]);
    const user = { id: userId, name: 'Ada Lovelace', email: 'ada@example.com', emailVerified: null, image: 'https://example.com/ada.png' };
    const verifiedUser = { ...user, emailVerified: '2025-06-07T08:09:10.111Z' };
    const session = { id: sessionId, sessionToken, userId, expires: '2030-01-02T03:04:05.678Z' };
    const emailSession = { id: emailSessionId, sessionToken: `email-${sessionToken}`, userId, expires: '2030-03-04T05:06:07.891Z' };
    const token = { identifier: 'ada@example.com', token: hashed, expires: '2030-02-03T04:05:06.789Z' };
    // value, then the paths holding real Date objects before JSON.stringify made them ISO strings.
    const expected: Record<string, [unknown, string[]]> = {
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
    expect(Object.keys(output.results)).toEqual(Object.keys(expected));
    for (const [step, [value, dates]] of Object.entries(expected)) {
      expect(output.results[step], step).toEqual({ value, dates, notPlain: [] });
    }

    // The adapter created its tables (synchronize defaults to true) with upstream's names.
    await withPgClient({ connectionString: database.connectionString }, async (client) => {
      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual(['accounts', 'authenticators', 'sessions', 'users', 'verification_tokens']);
      const columns = await client.query<{ column_name: string; data_type: string }>(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'accounts' ORDER BY ordinal_position",
      );
      expect(columns.rows).toEqual(
        expect.arrayContaining([
          { column_name: 'provider_account_id', data_type: 'character varying' },
          { column_name: 'id_token', data_type: 'text' },
          { column_name: 'user_id', data_type: 'uuid' },
        ]),
      );
      const counts = await client.query<{ users: string; accounts: string; sessions: string; tokens: string }>(
        'SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM accounts) AS accounts,' +
          ' (SELECT count(*) FROM sessions) AS sessions, (SELECT count(*) FROM verification_tokens) AS tokens',
      );
      expect(counts.rows).toEqual([{ users: '1', accounts: '1', sessions: '1', tokens: '0' }]);
      const ids = await client.query<{ account: string; session: string }>('SELECT (SELECT id FROM accounts) AS account, (SELECT id FROM sessions) AS session');
      expect(ids.rows).toEqual([{ account: accountId, session: emailSessionId }]);
    });
  });
});

// The official Auth.js docs' custom-model example, typed. (The docs' `import Sequelize from
// "sequelize"` default import is not a constructor under nodenext, sequelize being CommonJS with
// no default export in its types: the named import is what type-checks.)
const CONSUMER_TS = `
import { DataTypes, Sequelize } from "sequelize"
import type { Adapter, AdapterUser } from "@auth/core/adapters"
import SequelizeAdapter, { models, type SequelizeAdapterOptions } from "${PACKAGE_NAME}"

const sequelize = new Sequelize("postgres://localhost:5432/db", { logging: false })

const options: SequelizeAdapterOptions = {
  synchronize: false,
  models: {
    User: sequelize.define("user", {
      ...models.User,
      phoneNumber: DataTypes.STRING,
    }),
  },
}

export const adapter: Adapter = SequelizeAdapter(sequelize, options)
export const plain: Adapter = SequelizeAdapter(sequelize)
export async function findUser(email: string): Promise<AdapterUser | null | undefined> {
  return adapter.getUserByEmail?.(email)
}
`;

const WRONG_TS = `
import { Sequelize } from "sequelize"
import SequelizeAdapter from "${PACKAGE_NAME}"

const sequelize = new Sequelize("postgres://localhost:5432/db")
export const wrongOption = SequelizeAdapter(sequelize, { synchronize: "yes" })
export const wrongResult: number = SequelizeAdapter(sequelize)
`;

/** tsc's error lines, except those in @auth/core's own declarations (see below). */
function errorsOutsideAuthCore(stdout: string): string[] {
  return stdout.split('\n').filter((line) => /error TS\d+/.test(line) && !line.startsWith('node_modules/@auth/core/'));
}

describe('TypeScript consumers', () => {
  it("type-check the docs' custom User model against dist/'s declarations (nodenext and bundler)", { timeout: TIMEOUT }, async () => {
    await writeFile(join(project.projectDir, 'consumer.ts'), CONSUMER_TS);
    // No --skipLibCheck, so the package's .d.ts files are checked too. @auth/core 0.41.3's own
    // declarations do not check on their own (stripped internal types, optional peers such as
    // nodemailer and @simplewebauthn/server): those errors, and only those, are tolerated.
    const [nodenext, bundler] = await Promise.all([
      typeCheck(project.projectDir, 'consumer.ts', ['--listFiles']),
      typeCheck(project.projectDir, 'consumer.ts', ['--module', 'esnext', '--moduleResolution', 'bundler']),
    ]);
    expect(nodenext.stderr).toBe('');
    expect(errorsOutsideAuthCore(nodenext.stdout)).toEqual([]);
    expect(errorsOutsideAuthCore(bundler.stdout)).toEqual([]);
    // The declarations came from dist/ (index.d.ts through "exports", the others through its
    // relative imports, which keep their .ts extension in declaration output), never from the
    // shipped TypeScript sources.
    const prefix = `/node_modules/${PACKAGE_NAME}/`;
    const ours = nodenext.stdout
      .split('\n')
      .filter((line) => line.includes(prefix))
      .map((line) => line.slice(line.indexOf(prefix) + prefix.length));
    expect(ours.sort()).toEqual(['dist/index.d.ts', 'dist/models-setup.d.ts', 'dist/models.d.ts']);
  });

  it('reject wrong usage, so the check is real', { timeout: TIMEOUT }, async () => {
    await writeFile(join(project.projectDir, 'wrong.ts'), WRONG_TS);
    const wrong = await typeCheck(project.projectDir, 'wrong.ts', ['--skipLibCheck']);
    expect(wrong.code).not.toBe(0);
    const errors = errorsOutsideAuthCore(wrong.stdout);
    expect(errors).toEqual([
      expect.stringMatching(/^wrong\.ts\(6,\d+\): error TS2322: Type 'string' is not assignable to type 'boolean( \| undefined)?'\./),
      expect.stringMatching(/^wrong\.ts\(7,14\): error TS2322: Type 'Adapter' is not assignable to type 'number'\./),
    ]);
  });
});
