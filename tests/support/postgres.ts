// For test files of the `unit` project: a fresh, uniquely named database in the run's shared
// PostgreSQL cluster (started by postgres-global-setup.ts), so files and tests never share
// tables and may run in parallel.
//
//   const db = await freshPostgresDatabase();
//   const sequelize = new Sequelize(db.connectionString, { logging: false });
//   …
//   await sequelize.close();
//   await db.drop();
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { quoteIdentifier, withPgClient } from './postgres-cluster.ts';

export { createPgClient, withPgClient, type PgClient, type PgQueryResult } from './postgres-cluster.ts';

export interface FreshPostgresDatabase {
  /** `postgres://postgres@127.0.0.1:<port>/<name>` */
  readonly connectionString: string;
  readonly name: string;
  /** Drops the database, even with clients still connected. Idempotent. */
  drop(): Promise<void>;
}

let counter = 0;

export async function freshPostgresDatabase(): Promise<FreshPostgresDatabase> {
  const { host, port, user } = inject('postgres');
  const url = (database: string): string => `postgres://${user}@${host}:${port}/${database}`;
  // Lower case, unquoted-identifier safe, unique across worker processes and threads.
  const name = `test_${process.pid}_${++counter}_${randomBytes(4).toString('hex')}`;
  const admin = (sql: string): Promise<void> =>
    withPgClient({ connectionString: url('postgres') }, async (client) => {
      await client.query(sql);
    });
  await admin(`CREATE DATABASE ${quoteIdentifier(name)}`);
  let dropped: Promise<void> | undefined;
  return {
    connectionString: url(name),
    name,
    drop: () => (dropped ??= admin(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`)),
  };
}
