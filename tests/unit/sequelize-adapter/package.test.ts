// The published package, installed like a user would: `npm pack` packages/sequelize-adapter (its
// prepack script builds dist/ with tsc), install the tarball from scratch next to sequelize, pg
// and @auth/core from the registry, then
// - run an Auth.js sign-in flow from plain Node (no bundler, no TypeScript loader, no
//   "adapter-lab-source" condition: dist/ only) against a fresh PostgreSQL database, and
// - type-check a consumer file against the shipped declarations with the repo's tsc.
// Packing and installing take a while (registry downloads): once, in beforeAll.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, runNode, typeCheck, type InstalledProject } from '../../support/npm-pack.ts';
import { freshPostgresDatabase, withPgClient, type FreshPostgresDatabase } from '../../support/postgres.ts';
import { errorsOutsideLibraries, packageFilesRead } from '../adapter-support/consumer-type-check.ts';
import { expectedTarballFiles, sourceModules, tarballFiles } from '../adapter-support/packed-tarball.ts';
import { RECORD_RESULTS, SIGN_IN_STEPS, expectRecorded, signInRows, type Recorded, type SignInInputs } from '../adapter-support/sign-in-flow.ts';

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

describe('the packed tarball', () => {
  it('holds the built dist/ (JS, declarations, maps), the sources the maps point to, README and package.json', async () => {
    expect(project.packageName).toBe(PACKAGE_NAME);
    // Every source module, and nothing but them: no tests, no tsconfig, no stale build output.
    const modules = await sourceModules(PACKAGE_DIR);
    expect(modules).toContain('index');
    const files = await tarballFiles(project.tarball);
    expect(files.filter((file) => /\.(test|spec)\.|(^|\/)(tests?|__tests__)\/|tsconfig|\.tsbuildinfo$/.test(file))).toEqual([]);
    expect(files).toEqual(expectedTarballFiles(modules));
  });
});

// Auth.js's sign-in flows (sign-in-flow.ts) through the installed package.
const SIGN_IN_SCRIPT = `
import { createHash, randomUUID } from 'node:crypto';
import { Sequelize } from 'sequelize';
import SequelizeAdapter, { models } from '${PACKAGE_NAME}';

${RECORD_RESULTS}
const sequelize = new Sequelize(process.env.DATABASE_URL, { logging: false });
const adapter = SequelizeAdapter(sequelize);
try {
${SIGN_IN_STEPS}
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

interface SignInOutput {
  resolved: string;
  modelKeys: string[];
  inputs: SignInInputs;
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

    const { accountId, emailSessionId, expected } = signInRows(output.inputs, output.results);
    expectRecorded(output.results, expected);

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

describe('TypeScript consumers', () => {
  it("type-check the docs' custom User model against dist/'s declarations (nodenext and bundler)", { timeout: TIMEOUT }, async () => {
    await writeFile(join(project.projectDir, 'consumer.ts'), CONSUMER_TS);
    // No --skipLibCheck, so the package's .d.ts files are checked too (errorsOutsideLibraries
    // tolerates @auth/core's own declarations, and only those).
    const [nodenext, bundler] = await Promise.all([
      typeCheck(project.projectDir, 'consumer.ts', ['--listFiles']),
      typeCheck(project.projectDir, 'consumer.ts', ['--module', 'esnext', '--moduleResolution', 'bundler']),
    ]);
    expect(nodenext.stderr).toBe('');
    expect(errorsOutsideLibraries(nodenext.stdout)).toEqual([]);
    expect(errorsOutsideLibraries(bundler.stdout)).toEqual([]);
    // The declarations came from dist/ (index.d.ts through "exports", the others through its
    // relative imports, which keep their .ts extension in declaration output), never from the
    // shipped TypeScript sources.
    expect(packageFilesRead(nodenext.stdout, PACKAGE_NAME)).toEqual(['dist/index.d.ts', 'dist/models-setup.d.ts', 'dist/models.d.ts']);
  });

  it('reject wrong usage, so the check is real', { timeout: TIMEOUT }, async () => {
    await writeFile(join(project.projectDir, 'wrong.ts'), WRONG_TS);
    const wrong = await typeCheck(project.projectDir, 'wrong.ts', ['--skipLibCheck']);
    expect(wrong.code).not.toBe(0);
    const errors = errorsOutsideLibraries(wrong.stdout);
    expect(errors).toEqual([
      expect.stringMatching(/^wrong\.ts\(6,\d+\): error TS2322: Type 'string' is not assignable to type 'boolean( \| undefined)?'\./),
      expect.stringMatching(/^wrong\.ts\(7,14\): error TS2322: Type 'Adapter' is not assignable to type 'number'\./),
    ]);
  });
});
