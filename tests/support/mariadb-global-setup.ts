// globalSetup of the `unit` vitest project: starts ONE throwaway MariaDB server per test run, in
// the main vitest process, and hands its address to the test files through inject('mariadb').
// Test files take a fresh database each from freshMariaDbDatabase() (tests/support/mariadb.ts),
// so files and tests run in parallel.
//
// No MariaDB, no test run: a server that cannot start fails the whole run here, loudly, rather
// than letting the MariaDB tests skip themselves.
import type { TestProject } from 'vitest/node';
import { startMariaDbServer } from './mariadb-server.ts';

export interface ProvidedMariaDb {
  /** 127.0.0.1 */
  host: string;
  port: number;
  /** `root`, no password. */
  user: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared throwaway MariaDB server of this test run (unit project only). */
    mariadb: ProvidedMariaDb;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  let server: Awaited<ReturnType<typeof startMariaDbServer>>;
  try {
    server = await startMariaDbServer();
  } catch (error) {
    throw new Error(`Could not start the throwaway MariaDB server the unit tests need:\n${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  if (process.env['ADAPTER_LAB_DEBUG_MARIADB']) {
    console.log(`MariaDB server on ${server.host}:${server.port} in ${Math.round(performance.now() - started)} ms (${server.dir})`);
  }
  project.provide('mariadb', { host: server.host, port: server.port, user: server.user });
  return () => server.stop();
}
