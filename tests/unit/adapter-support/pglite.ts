// PGlite (PostgreSQL compiled to WebAssembly) as a database target of the adapters' tests, beside
// the run's PostgreSQL cluster: the real `pg` client runs over it through PGlite's
// node-postgres connection, so Sequelize's real `postgres` dialect and MikroORM's real
// PostgreSqlDriver run unchanged, as in the playground's PostgreSQL engine.
//
//   const db = await freshPgliteDatabase();
//   const sequelize = new Sequelize({ ...sequelizePgliteOptions(db), logging: false });
//   …
//   await sequelize.close();
//   await db.release();        // PGlite keeps running, for the file's next fresh database
//
// PGlite.create() runs initdb (2–3.5 s, 8 s on a loaded 2-core machine), so a test file makes
// one instance on its first use (a second only while two databases are open at once) and closes
// them after the file (afterAll); each fresh database empties a released one instead (~10 ms).
// Each PGlite starts from a fresh cluster's data directory, made once and cached
// (src/engine/pglite/fresh-data-dir.ts): about a second instead of initdb's seconds.
// PGlite has a single session: every client shares it, so pools stay at one connection.
import { createRequire } from 'node:module';
import type { PGlite } from '@electric-sql/pglite';
import { startFreshPglite } from '../../../src/engine/pglite/fresh-data-dir.ts';
import { PglitePgConnection } from '@electric-sql/pglite/node-postgres';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { afterAll } from 'vitest';
import type { MikroOrmOptions } from '@adapter-lab/mikro-orm-adapter';
import type { PgClient } from '../../support/postgres.ts';

/** The part of `pg`'s module this file relies on (pg ships no types, as in postgres-cluster.ts). */
interface PgModule {
  Client: new (config?: object) => PgClient;
  /** pg-protocol's error class, of every error the server reports through pg. */
  DatabaseError: typeof Error;
  [name: string]: unknown;
}

/** A `pg`-compatible module whose Client talks to `pglite`: Sequelize's `dialectModule`. */
export type PgliteDialectModule = PgModule;

export interface FreshPgliteDatabase {
  readonly pglite: PGlite;
  /** `pg.Client` over `pglite` (whatever address it is given): MikroORM's `driverOptions.Client`. */
  readonly Client: PgModule['Client'];
  /** `pg` with that Client. */
  readonly pg: PgliteDialectModule;
  /** Done with it (its clients closed): the next fresh database may reuse this PGlite. Idempotent. */
  release(): Promise<void>;
}

const require = createRequire(import.meta.url);
const pg = require('pg') as PgModule;

/**
 * The class of the server's errors through the real pg, on the cluster. Over PGlite they are
 * PGlite's own copy of it (`messages.DatabaseError` of @electric-sql/pglite): same fields and
 * messages, but `instanceof pg.DatabaseError` is false.
 */
export const PgDatabaseError = pg.DatabaseError;

/** This test file's PGlites: each either lent out as a fresh database or idle. */
const started: Array<Promise<PGlite>> = [];
const idle: PGlite[] = [];

// Registered when a test file first imports this module (vitest evaluates it once per file).
afterAll(async () => {
  const all = started.splice(0);
  idle.length = 0;
  // allSettled: one that failed to start has failed its test already.
  await Promise.allSettled(all.map(async (pglite) => (await pglite).close()));
});

/**
 * A fresh database on one of this test file's PGlites: an idle one, emptied as a server's fresh
 * database would be (any transaction left open rolled back — a server does it when the
 * connection closes —, session state discarded, an empty `public` schema), or a new one when
 * every one is lent out (two databases open at once need two PGlites: one session each).
 * `release()` lends it back, as the cluster's databases are dropped; the cluster's are all new,
 * so nothing else needs resetting.
 */
export async function freshPgliteDatabase(): Promise<FreshPgliteDatabase> {
  let pglite = idle.pop();
  if (pglite) {
    await pglite.exec('ROLLBACK');
    // DISCARD ALL refuses to run in a (even implicit, multi-statement) transaction block: on its own.
    await pglite.exec('DISCARD ALL');
    await pglite.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  } else {
    const starting = startPglite();
    started.push(starting);
    pglite = await starting;
  }
  const lent = pglite;
  let released = false;
  const Client = pgliteClient(lent);
  return {
    pglite: lent,
    Client,
    pg: { ...pg, Client },
    async release() {
      if (released) return;
      released = true;
      idle.push(lent);
    },
  };
}

/** A PGlite started from the fresh data directory the playground's engine starts from too (made once, cached). */
function startPglite(): Promise<PGlite> {
  return startFreshPglite();
}

/** `pg.Client`, connected to `pglite` instead of the network. */
function pgliteClient(pglite: PGlite): PgModule['Client'] {
  return class PgliteClient extends pg.Client {
    constructor(config?: object | string) {
      super({ ...(typeof config === 'string' ? { connectionString: config } : config), connection: new PglitePgConnection({ pglite }) });
    }
  };
}

/** Sequelize's options for its real `postgres` dialect on `db` (add `logging` and the rest). */
export function sequelizePgliteOptions(db: FreshPgliteDatabase) {
  return { dialect: 'postgres', dialectModule: db.pg, pool: { max: 1 } } as const;
}

/** MikroORM's options for its real PostgreSqlDriver on `db` (add `driver` and the entities). */
export function mikroOrmPgliteOptions(db: FreshPgliteDatabase) {
  return { dbName: 'postgres', driverOptions: { Client: db.Client }, pool: { min: 0, max: 1 } } as const;
}

/** A fresh PGlite database as the MikroORM adapter's tests open one: PostgreSqlDriver's options, and close(). */
export async function openMikroOrmOnPglite(): Promise<{ options: MikroOrmOptions; close(): Promise<void> }> {
  const db = await freshPgliteDatabase();
  return { options: { driver: PostgreSqlDriver, ...mikroOrmPgliteOptions(db) }, close: () => db.release() };
}

/**
 * Adds to `targets`, right after the one named 'PostgreSQL', the same target named 'PGlite' that
 * opens its databases with `open`: every case of a test file's PostgreSQL target then runs on
 * PGlite too, with the same checks and the same snapshots.
 */
export function addPgliteBesidePostgres<Target extends { readonly name: string; open(): unknown }>(targets: Target[], open: Target['open']): void {
  const at = targets.findIndex((target) => target.name === 'PostgreSQL');
  if (at < 0) throw new Error('No target named PostgreSQL');
  const postgres = targets[at] as Target;
  targets.splice(at + 1, 0, { ...postgres, name: 'PGlite', open });
}
