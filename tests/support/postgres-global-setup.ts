// globalSetup of the `unit` vitest project: starts ONE throwaway PostgreSQL cluster per test run,
// in the main vitest process, and hands its address to the test files through
// inject('postgres'). Test files never use the cluster's own databases: each takes a fresh one
// from freshPostgresDatabase() (tests/support/postgres.ts), so files and tests run in parallel.
//
// No PostgreSQL, no test run: a cluster that cannot start fails the whole run here, loudly,
// rather than letting the PostgreSQL tests skip themselves.
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster.ts';

export interface ProvidedPostgres {
  /** 127.0.0.1 */
  host: string;
  port: number;
  /** Superuser, no password (trust auth). */
  user: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared throwaway PostgreSQL cluster of this test run (unit project only). */
    postgres: ProvidedPostgres;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  let cluster: Awaited<ReturnType<typeof startPostgresCluster>>;
  try {
    cluster = await startPostgresCluster();
  } catch (error) {
    throw new Error(`Could not start the throwaway PostgreSQL cluster the unit tests need:\n${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  if (process.env['ADAPTER_LAB_DEBUG_POSTGRES']) {
    console.log(`PostgreSQL cluster on ${cluster.host}:${cluster.port} in ${Math.round(performance.now() - started)} ms (${cluster.socketDir})`);
  }
  project.provide('postgres', { host: cluster.host, port: cluster.port, user: cluster.user });
  return () => cluster.stop();
}
