// For test files of the `unit` project: a fresh, uniquely named database in the run's shared
// MariaDB server (started by mariadb-global-setup.ts), so files and tests never share tables and
// may run in parallel.
//
//   const db = await freshMariaDbDatabase();
//   const sequelize = new Sequelize(db.connectionString, { logging: false });
//   …
//   await sequelize.close();
//   await db.drop();
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { mariaDbAdmin, quoteMariaDbIdentifier } from './mariadb-server.ts';

export interface FreshMariaDbDatabase {
  /** `mariadb://root@127.0.0.1:<port>/<name>` */
  readonly connectionString: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly name: string;
  /** Drops the database. Idempotent. Close the clients first: open transactions would hold it. */
  drop(): Promise<void>;
}

let counter = 0;

export async function freshMariaDbDatabase(): Promise<FreshMariaDbDatabase> {
  const server = inject('mariadb');
  // Unquoted-identifier safe, well under the 64-character limit, unique across workers.
  const name = `test_${process.pid}_${++counter}_${randomBytes(4).toString('hex')}`;
  await mariaDbAdmin(server, `CREATE DATABASE ${quoteMariaDbIdentifier(name)}`);
  let dropped: Promise<void> | undefined;
  return {
    connectionString: `mariadb://${server.user}@${server.host}:${server.port}/${name}`,
    ...server,
    name,
    drop: () => (dropped ??= mariaDbAdmin(server, `DROP DATABASE IF EXISTS ${quoteMariaDbIdentifier(name)}`)),
  };
}
