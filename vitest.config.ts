import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { SOURCE_CONDITION } from './packages/source-condition.mjs';
import { AUTH_ALIASES } from './src/playground/build/auth-build.ts';
import { authCoreFixes } from './src/playground/build/auth-core-fixes.ts';

export default defineConfig({
  plugins: [authCoreFixes()],
  // Tests import the adapter packages by name and run their TypeScript source, not dist/.
  resolve: {
    conditions: [SOURCE_CONDITION, ...defaultClientConditions],
    // @auth/core's Nodemailer provider imports nodemailer, which the playground replaces (no SMTP
    // there): the same alias as the browser build's.
    alias: { ...AUTH_ALIASES },
  },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  test: {
    // Processed by Vite (not loaded by Node as is) so that the nodemailer alias above applies inside it.
    server: { deps: { inline: [/@auth\/core/] } },
    // vitest's own report, then one plain "N passed, N failed, N skipped" line for CI.
    reporters: ['default', './tests/support/plain-summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/conformance/**/*.test.ts'],
          environment: 'node',
          // A file's first playground run builds its ORM's type bundle (seconds on the 2-core CI
          // machine): generous limits, and no test asserts on timing.
          testTimeout: 30_000,
          // Two files at a time even on 2 cores (vitest's default there is one): a unit file
          // mostly keeps one core busy or waits on a database server, so two share the machine well.
          // The browser project still runs alone, after this one (its files: one at a time).
          maxWorkers: 2,
          // Files share a worker's modules instead of importing Sequelize, MikroORM and Auth.js
          // anew each (a third of the unit time went to imports). So a file puts back what it
          // changes (process.env, spies) and mocks no modules; and module state that one run
          // leaves for the next surfaces here as it would in the playground's long-lived worker.
          isolate: false,
          // One throwaway PostgreSQL cluster and one MariaDB server for all unit test files
          // (inject('postgres'), freshPostgresDatabase() in tests/support/postgres.ts; inject('mariadb'),
          // freshMariaDbDatabase() in tests/support/mariadb.ts); fails the run if either can't start.
          globalSetup: ['tests/support/postgres-global-setup.ts', 'tests/support/mariadb-global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          // Serves dist/ and launches Chromium once for all browser test files.
          globalSetup: ['tests/browser/support/global-setup.ts'],
          // One file at a time: the astro dev test saturates both cores while it optimises
          // dependencies, and pages of other files starved beside it (Pagefind's UI mounts on
          // requestIdleCallback). Tests inside a file may still run concurrently.
          fileParallelism: false,
          // The 2-core CI machine is slow and a cold Chromium page can take seconds:
          // generous limits, and no test asserts on timing.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
