// The published package, installed like a user would: `npm pack` packages/mikro-orm-adapter (its
// prepack script builds dist/ with tsc), install the tarball from scratch next to MikroORM 7,
// kysely and @auth/core from the registry, then
// - run Auth.js sign-in flows from plain Node (no bundler, no TypeScript loader, no
//   "adapter-lab-source" condition: dist/ only) against a fresh PostgreSQL database, through an
//   adapter given MikroORM options and one given an initialised MikroORM, and
// - type-check the official docs' custom-entity example against the shipped declarations with
//   the repo's tsc.
// Packing and installing take a while (registry downloads): once, in beforeAll.
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, runNode, typeCheck, type InstalledProject } from '../../support/npm-pack.ts';
import { freshPostgresDatabase, withPgClient, type FreshPostgresDatabase } from '../../support/postgres.ts';
import { errorsOutsideLibraries as errorsOutsideAdapterLibraries, packageFilesRead } from '../adapter-support/consumer-type-check.ts';
import { expectedTarballFiles, sourceModules, tarballFiles } from '../adapter-support/packed-tarball.ts';
import { RECORD_RESULTS, SIGN_IN_STEPS, expectRecorded, signInRows, type Recorded, type SignInInputs } from '../adapter-support/sign-in-flow.ts';
import { CUSTOM_USER_ENTITY } from './custom-user.ts';

const PACKAGE_DIR = fileURLToPath(new URL('../../../packages/mikro-orm-adapter', import.meta.url));
const PACKAGE_NAME = '@adapter-lab/mikro-orm-adapter';
const TIMEOUT = 180_000;

let project: InstalledProject;
let database: FreshPostgresDatabase | undefined;

beforeAll(async () => {
  project = await packAndInstall(PACKAGE_DIR, {
    '@mikro-orm/core': '7.2.1',
    '@mikro-orm/postgresql': '7.2.1',
    '@mikro-orm/decorators': '7.2.1',
    'reflect-metadata': '0.2.2',
    kysely: '0.29.6',
    '@auth/core': '0.41.3',
    // For the TypeScript consumer: MikroORM's declarations use Node's types (Buffer) and
    // @mikro-orm/postgresql's import pg's, which pg does not ship. A strict consumer without
    // skipLibCheck needs both, whatever the adapter.
    '@types/node': '24.19.2',
    '@types/pg': '8.23.1',
  });
}, TIMEOUT);

afterAll(async () => {
  await project?.cleanup();
  await database?.drop();
});

describe('the packed tarball', () => {
  it('holds the built dist/ (JS, declarations, maps), the sources the maps point to, README and package.json', async () => {
    expect(project.packageName).toBe(PACKAGE_NAME);
    // Every source module, and nothing but them: no tests, no tsconfig, no stale build output.
    const modules = await sourceModules(PACKAGE_DIR);
    expect(modules).toEqual(expect.arrayContaining(['index', 'entities']));
    const files = await tarballFiles(project.tarball);
    expect(files.filter((file) => /\.(test|spec)\.|(^|\/)(tests?|__tests__|fixtures)\/|tsconfig|\.tsbuildinfo$/.test(file))).toEqual([]);
    expect(files).toEqual(expectedTarballFiles(modules));
  });
});

// Auth.js's sign-in flows (sign-in-flow.ts), first through an adapter given MikroORM options (and
// no entities: it must register the defaults itself), then through one given the already
// initialised MikroORM that created the schema.
const SIGN_IN_SCRIPT = `
import { createHash, randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { MikroOrmAdapter, defaultEntities } from '${PACKAGE_NAME}';

${RECORD_RESULTS}
const clientUrl = process.env.DATABASE_URL;
// The tables, as the README says: MikroORM's schema generator over the default entities.
const orm = await MikroORM.init({ driver: PostgreSqlDriver, clientUrl, entities: Object.values(defaultEntities) });
try {
  await orm.schema.create();

  const adapter = MikroOrmAdapter({ driver: PostgreSqlDriver, clientUrl });
${SIGN_IN_STEPS}
  // An initialised MikroORM as the first argument: used as it is, never closed.
  const shared = MikroOrmAdapter(orm);
  const secondId = randomUUID();
  record('shared:getSessionAndUser', await shared.getSessionAndUser('email-' + sessionToken));
  record('shared:createUser', await shared.createUser({ id: secondId, name: 'Grace Hopper', email: 'grace@example.com', emailVerified: null }));
  // Both adapters work on the same tables.
  record('getUserByEmail:shared', await adapter.getUserByEmail('grace@example.com'));
  record('shared:deleteUser', await shared.deleteUser(secondId));
  record('shared:getUser:deleted', await shared.getUser(secondId));
  record('orm.isConnected', await orm.isConnected());

  console.log(JSON.stringify({
    resolved: import.meta.resolve('${PACKAGE_NAME}'),
    entityKeys: Object.keys(defaultEntities).sort(),
    inputs: { userId, secondId, sessionToken, hashed, account },
    results,
  }));
} finally {
  await orm.close();
}
`;

interface SignInOutput {
  resolved: string;
  entityKeys: string[];
  inputs: SignInInputs & { secondId: string };
  results: Record<string, Recorded>;
}

describe('from plain Node, on PostgreSQL', () => {
  it('runs an Auth.js OAuth and e-mail sign-in with plain-object results, from options and from an initialised MikroORM', { timeout: TIMEOUT }, async () => {
    database = await freshPostgresDatabase();
    await writeFile(join(project.projectDir, 'sign-in.mjs'), SIGN_IN_SCRIPT);
    // The script is done in well under a second, but the process then waits about 10 s: the
    // first adapter's own MikroORM (made from options) cannot be closed, so its idle pg
    // connection keeps Node alive until pg's idleTimeoutMillis (10 s by default) ends it. The
    // process exiting by itself is part of the check (runNode kills it after 2 minutes).
    const run = await runNode(project.projectDir, 'sign-in.mjs', { DATABASE_URL: database.connectionString });
    expect(run.code, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout) as SignInOutput;

    // Node picked dist/ from the installed package through its "exports".
    expect(output.resolved).toMatch(/\/node_modules\/@adapter-lab\/mikro-orm-adapter\/dist\/index\.js$/);
    expect(output.entityKeys).toEqual(['Account', 'Authenticator', 'Session', 'User', 'VerificationToken']);

    const { accountId, emailSessionId, emailSession, verifiedUser, expected } = signInRows(output.inputs, output.results);
    const secondUser = { id: output.inputs.secondId, name: 'Grace Hopper', email: 'grace@example.com', emailVerified: null, image: null };
    expectRecorded(output.results, {
      ...expected,
      'shared:getSessionAndUser': [{ session: emailSession, user: verifiedUser }, ['session.expires', 'user.emailVerified']],
      'shared:createUser': [secondUser, []],
      'getUserByEmail:shared': [secondUser, []],
      'shared:deleteUser': [secondUser, []],
      'shared:getUser:deleted': [null, []],
      'orm.isConnected': [true, []],
    });

    // The schema generator made upstream's tables from the default entities.
    await withPgClient({ connectionString: database.connectionString }, async (client) => {
      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual(['account', 'authenticator', 'session', 'user', 'verification_token']);
      const columns = await client.query<{ column_name: string; data_type: string }>(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'account' ORDER BY ordinal_position",
      );
      expect(columns.rows).toEqual(
        expect.arrayContaining([
          { column_name: 'provider_account_id', data_type: 'character varying' },
          // TEXT, not upstream's VARCHAR(255): the 305-character access token above fits.
          { column_name: 'access_token', data_type: 'text' },
          { column_name: 'refresh_token', data_type: 'text' },
          { column_name: 'id_token', data_type: 'text' },
          { column_name: 'user_id', data_type: 'character varying' },
        ]),
      );
      const counts = await client.query<{ users: string; accounts: string; sessions: string; tokens: string }>(
        'SELECT (SELECT count(*) FROM "user") AS users, (SELECT count(*) FROM account) AS accounts,' +
          ' (SELECT count(*) FROM session) AS sessions, (SELECT count(*) FROM verification_token) AS tokens',
      );
      expect(counts.rows).toEqual([{ users: '1', accounts: '1', sessions: '1', tokens: '0' }]);
      const ids = await client.query<{ account: string; session: string }>('SELECT (SELECT id FROM account) AS account, (SELECT id FROM session) AS session');
      expect(ids.rows).toEqual([{ account: accountId, session: emailSessionId }]);
    });
  });
});

// The docs' custom User entity (custom-user.ts: the official example with its bugs fixed),
// next to a consumer that uses it as the docs do, with a local config in place of the docs'
// unshown "config/mikro-orm.ts".
const CONSUMER_TS = `
import { PostgreSqlDriver } from "@mikro-orm/postgresql"
import type { Adapter } from "@auth/core/adapters"
import { MikroOrmAdapter } from "${PACKAGE_NAME}"
import { User } from "./entities.js"

const config = { driver: PostgreSqlDriver, clientUrl: "postgres://localhost:5432/db" }

export const adapter: Adapter = MikroOrmAdapter(config, { entities: { User } })
`;

const WRONG_TS = `
import { PostgreSqlDriver } from "@mikro-orm/postgresql"
import { MikroOrmAdapter } from "${PACKAGE_NAME}"

const config = { driver: PostgreSqlDriver, clientUrl: "postgres://localhost:5432/db" }
class NotAUser { id = 42 }
export const wrongEntity = MikroOrmAdapter(config, { entities: { User: 42 } })
export const wrongClass = MikroOrmAdapter(config, { entities: { User: NotAUser } })
export const oldOption = MikroOrmAdapter({ type: "postgresql", clientUrl: "postgres://localhost:5432/db" })
export const wrongResult: number = MikroOrmAdapter(config)
`;

const DECORATORS = ['--experimentalDecorators', '--emitDecoratorMetadata'];

/**
 * tsc's error lines outside the libraries' declarations that do not check on their own: also
 * postgres-interval 4's (brought by @mikro-orm/postgresql) single reference to the `Temporal`
 * namespace, which TypeScript 5.9's libs do not have yet.
 */
const errorsOutsideLibraries = (stdout: string): string[] =>
  errorsOutsideAdapterLibraries(stdout, [/^node_modules\/postgres-interval\/index\.d\.ts\(\d+,\d+\): error TS2503: Cannot find namespace 'Temporal'\.$/]);

describe('TypeScript consumers', () => {
  it("type-check the docs' custom User entity against dist/'s declarations (nodenext and bundler)", { timeout: TIMEOUT }, async () => {
    await copyFile(CUSTOM_USER_ENTITY, join(project.projectDir, 'entities.ts'));
    await writeFile(join(project.projectDir, 'consumer.ts'), CONSUMER_TS);
    // No --skipLibCheck, so the package's .d.ts files are checked too.
    const [nodenext, bundler] = await Promise.all([
      typeCheck(project.projectDir, 'consumer.ts', [...DECORATORS, '--listFiles']),
      typeCheck(project.projectDir, 'consumer.ts', [...DECORATORS, '--module', 'esnext', '--moduleResolution', 'bundler']),
    ]);
    expect(nodenext.stderr).toBe('');
    expect(errorsOutsideLibraries(nodenext.stdout)).toEqual([]);
    expect(errorsOutsideLibraries(bundler.stdout)).toEqual([]);
    // The declarations came from dist/ (index.d.ts through "exports", the others through its
    // relative imports, which keep their .ts extension in declaration output), never from the
    // shipped TypeScript sources.
    expect(packageFilesRead(nodenext.stdout, PACKAGE_NAME)).toEqual(['dist/config.d.ts', 'dist/entities.d.ts', 'dist/index.d.ts', 'dist/user-entity.d.ts']);
  });

  it('reject wrong usage, so the check is real', { timeout: TIMEOUT }, async () => {
    await writeFile(join(project.projectDir, 'wrong.ts'), WRONG_TS);
    const wrong = await typeCheck(project.projectDir, 'wrong.ts', ['--skipLibCheck']);
    expect(wrong.code).not.toBe(0);
    expect(errorsOutsideLibraries(wrong.stdout)).toEqual([
      expect.stringMatching(/^wrong\.ts\(7,\d+\): error TS2322: Type 'number' is not assignable to type 'typeof User'\./),
      expect.stringMatching(/^wrong\.ts\(8,\d+\): error TS2322: Type 'typeof NotAUser' is not assignable to type 'typeof User'\./),
      // MikroORM 5/6's `type` option no longer exists.
      expect.stringMatching(/^wrong\.ts\(9,\d+\): error TS2353: Object literal may only specify known properties, and 'type' does not exist in type /),
      expect.stringMatching(/^wrong\.ts\(10,14\): error TS2322: Type 'Adapter' is not assignable to type 'number'\./),
    ]);
  });
});
