// Each adapter overview's quick start, assembled from the page's own blocks into the Next.js app a
// reader would have (tests/support/nextjs-app.ts), must build without its runtime variables (as
// in CI or a Docker image), create its tables with the page's own command against a fresh
// PostgreSQL database, start, and sign a user in by the e-mail link it prints; the user and the
// session must then be in the database. Both apps run side by side (each build takes one core for
// about a minute on the 2-core CI machine); the timings are printed, never asserted.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdapterPackages } from '../../../src/docs/snippets/run-scripts.ts';
import { WORK_ROOT } from '../../../src/docs/snippets/type-check.ts';
import { assemblePageApp, signInByEmailLink, type RunningApp } from '../../support/nextjs-app.ts';
import { freshPostgresDatabase, withPgClient } from '../../support/postgres.ts';

const APP_TIMEOUT = 12 * 60_000;
const runDir = join(WORK_ROOT, `nextjs-${process.pid}-${Date.now().toString(36)}`);

const pages = [
  { page: 'sequelize/overview', users: 'users', sessions: 'sessions' },
  { page: 'mikro-orm/overview', users: 'user', sessions: 'session' },
];

beforeAll(() => buildAdapterPackages(runDir), 5 * 60_000);
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

describe.concurrent.each(pages)('$page', ({ page, users, sessions }) => {
  it('builds without DATABASE_URL or AUTH_SECRET, creates its tables with the page’s command, starts and signs a user in by e-mail link on PostgreSQL', {
    timeout: APP_TIMEOUT,
  }, async () => {
    const app = assemblePageApp(page, join(runDir, page.replace('/', '--')));
    expect([...app.files.keys()]).toEqual(expect.arrayContaining(['auth.ts', 'app/api/auth/[...nextauth]/route.ts', 'app/page.tsx']));
    expect(app.tableCommands.length).toBeGreaterThan(0);
    // The page names the variables the app needs: the database's and the secret.
    expect(app.envVariables).toContain('AUTH_SECRET');
    const databaseVariable = app.envVariables.find((name) => name !== 'AUTH_SECRET');
    expect(databaseVariable).toMatch(/^DATABASE_/);

    const build = await app.build();

    const database = await freshPostgresDatabase();
    let server: RunningApp | undefined;
    try {
      const env = { [databaseVariable!]: database.connectionString, AUTH_SECRET: randomBytes(32).toString('base64url') };
      const tables = await app.runTableCommands(env);
      // `next start` on one's own server needs AUTH_TRUST_HOST (or AUTH_URL), which the page says.
      server = await app.start({ ...env, AUTH_TRUST_HOST: 'true' });

      const started = performance.now();
      const email = `reader-${randomBytes(4).toString('hex')}@example.com`;
      const signedIn = await signInByEmailLink(server, email);
      const signInMs = performance.now() - started;

      expect(signedIn.session?.user?.email).toBe(email);
      expect(signedIn.home).toContain('Signed in as');
      expect(signedIn.home).toContain(email);
      const rows = await withPgClient({ connectionString: database.connectionString }, (client) =>
        client.query<{ email: string; sessions: string }>(
          `SELECT u.email, count(s.*) AS sessions FROM "${users}" u LEFT JOIN "${sessions}" s ON s.user_id = u.id GROUP BY u.email`,
        ),
      );
      expect(rows.rows.map((row) => [row.email, Number(row.sessions)])).toEqual([[email, 1]]);

      console.log(
        `${page}: next build ${(build.ms / 1000).toFixed(1)} s, table commands ${(tables.reduce((sum, run) => sum + run.ms, 0) / 1000).toFixed(1)} s, sign-in ${(signInMs / 1000).toFixed(1)} s`,
      );
    } finally {
      await server?.stop();
      await database.drop();
    }
  });
});
