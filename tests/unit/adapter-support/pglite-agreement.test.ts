// PGlite and the real PostgreSQL cluster agree: each adapter runs the same call sequence
// (adapter-call-script.ts: every method, hits, misses and the violations the contract expects)
// on a fresh database of each, built as the conformance suite builds it (its harnesses), and
// what the calls returned or threw, the statements the ORM sent for each, the tables' definitions
// and their rows must be the same.
// The conformance suite runs every case on both as well; this compares them value for value,
// error message for error message.
import { createRequire } from 'node:module';
import { messages } from '@electric-sql/pglite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Sequelize } from 'sequelize';
import { describe, expect, it } from 'vitest';
import { mikroOrmHarness } from '../../conformance/mikro-orm.harness.ts';
import { sequelizeHarness } from '../../conformance/sequelize.harness.ts';
import type { AdapterHarness } from '../../conformance/harness.ts';
import { freshPostgresDatabase, withPgClient, type PgClient, type PgQueryResult } from '../../support/postgres.ts';
import { normaliseRecord, plain, runCallScript, type DatabaseSnapshot, type ScriptRecord, type TableSnapshot } from './adapter-call-script.ts';
import { PgDatabaseError, freshPgliteDatabase, mikroOrmPgliteOptions, sequelizePgliteOptions } from './pglite.ts';

/** Runs `statements` in one session set to UTC (timestamptz renders in the session's zone); each one's rows. */
type Read = (statements: readonly string[]) => Promise<Array<Array<Record<string, string>>>>;

interface Database {
  /** The database's name: the cluster's are random, PGlite's is `postgres`. */
  readonly name: string;
  /** The text of every statement the ORM sent, in order (the array fills as they run). */
  readonly statements: string[];
  readonly sequelize: () => Sequelize;
  readonly mikroOrm: object;
  readonly read: Read;
  drop(): Promise<void>;
}

type PgClientClass = new (config?: object) => PgClient;
const pg = createRequire(import.meta.url)('pg') as { Client: PgClientClass; [name: string]: unknown };

/**
 * `Client` that also writes the text of every statement it sends to `statements`: what goes over
 * the wire, the ORM's own (Sequelize's connection set-up, Kysely's queries under MikroORM) too.
 */
function loggingClient(Client: PgClientClass, statements: string[]): PgClientClass {
  return class LoggingClient extends Client {
    override query<Row>(...args: Parameters<PgClient['query']>): Promise<PgQueryResult<Row>> {
      const [config] = args as unknown[];
      statements.push(typeof config === 'string' ? config : String((config as { text?: unknown } | null)?.text ?? '(no text)'));
      return super.query<Row>(...args);
    }
  };
}

const TARGETS: Record<'cluster' | 'PGlite', () => Promise<Database>> = {
  async cluster() {
    const db = await freshPostgresDatabase();
    const statements: string[] = [];
    const Client = loggingClient(pg.Client, statements);
    return {
      name: db.name,
      statements,
      sequelize: () => new Sequelize(db.connectionString, { dialectModule: { ...pg, Client }, logging: false, pool: { max: 5 } }),
      mikroOrm: { driver: PostgreSqlDriver, clientUrl: db.connectionString, driverOptions: { Client } },
      read: (statements) =>
        withPgClient({ connectionString: db.connectionString }, async (client) => {
          await client.query("SET TIME ZONE 'UTC'");
          const results = [];
          for (const statement of statements) results.push((await client.query<Record<string, string>>(statement)).rows);
          return results;
        }),
      drop: () => db.drop(),
    };
  },
  async PGlite() {
    const db = await freshPgliteDatabase();
    const statements: string[] = [];
    const Client = loggingClient(db.Client, statements);
    const options = mikroOrmPgliteOptions(db);
    return {
      name: options.dbName,
      statements,
      sequelize: () => new Sequelize({ ...sequelizePgliteOptions(db), dialectModule: { ...db.pg, Client }, logging: false }),
      mikroOrm: { driver: PostgreSqlDriver, ...options, driverOptions: { Client } },
      // PGlite's one session is the ORM's too: the time zone only for this transaction.
      read: (statements) =>
        db.pglite.transaction(async (tx) => {
          await tx.exec("SET LOCAL TIME ZONE 'UTC'");
          const results = [];
          for (const statement of statements) results.push((await tx.query<Record<string, string>>(statement)).rows);
          return results;
        }),
      drop: () => db.release(),
    };
  },
};

/** The `public` schema as text: columns, constraints (not the NOT NULL ones PostgreSQL 18+ lists) and indexes, then rows. */
async function snapshot(read: Read): Promise<DatabaseSnapshot> {
  const [tables = [], columns = [], constraints = [], indexes = []] = await read([
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    `SELECT table_name AS name, column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
       || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END || coalesce(' default ' || column_default, '') AS text
     FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    `SELECT conrelid::regclass::text AS name, conname || ' ' || pg_get_constraintdef(oid) AS text
     FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u', 'f', 'c', 'x') ORDER BY 1, 2`,
    "SELECT tablename AS name, indexdef AS text FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2",
  ]);
  const names = tables.map((table) => table['name'] ?? '');
  const rows = await read(names.map((name) => `SELECT to_jsonb(t)::text AS text FROM public."${name}" t`));
  const of = (list: ReadonlyArray<Record<string, string>>, name: string): string[] =>
    list.filter((row) => row['name'] === name || row['name'] === `"${name}"`).map((row) => row['text'] ?? '');
  return Object.fromEntries(
    names.map((name, i): [string, TableSnapshot] => [
      name,
      { columns: of(columns, name), constraints: [...of(constraints, name), ...of(indexes, name)], rows: (rows[i] ?? []).map((row) => row['text'] ?? '') },
    ]),
  );
}

const ADAPTERS: Record<string, (database: Database) => AdapterHarness> = {
  '@adapter-lab/sequelize-adapter': (database) => sequelizeHarness('', async () => ({ sequelize: database.sequelize(), close: () => database.drop() })),
  '@adapter-lab/mikro-orm-adapter': (database) => mikroOrmHarness('', async () => ({ options: database.mikroOrm, close: () => database.drop() })),
};

async function record(adapter: (database: Database) => AdapterHarness, target: () => Promise<Database>): Promise<ScriptRecord> {
  const database = await target();
  const instance = await adapter(database).setup();
  try {
    return normaliseRecord(await runCallScript(instance.adapter, () => snapshot(database.read), database.statements), database.name);
  } finally {
    await instance.teardown();
  }
}

describe.each(Object.entries(ADAPTERS))('%s: PGlite and the PostgreSQL cluster agree', (_name, adapter) => {
  it('on every call of the script (its result or error, the statements it sent), the tables it leaves and their rows', async () => {
    const [cluster, pglite] = await Promise.all([record(adapter, TARGETS.cluster), record(adapter, TARGETS.PGlite)]);
    // Both ran the script to the end, and the violations it provokes did fail.
    expect(cluster.calls.length).toBeGreaterThan(40);
    expect(cluster.calls.filter((call) => 'threw' in call).length).toBeGreaterThan(5);
    expect(Object.keys(cluster.snapshots.end)).toHaveLength(5);
    for (const [i, call] of cluster.calls.entries()) expect(pglite.calls[i], call.call).toStrictEqual(call);
    expect(pglite.snapshots).toStrictEqual(cluster.snapshots);
  });
});

describe("the driver's errors", () => {
  // The one difference the script's record names away (adapter-call-script.ts, errorClass): code
  // that tells server errors by `instanceof pg.DatabaseError` sees none on PGlite.
  it("are pg's DatabaseError on the cluster; on PGlite, PGlite's copy of that class, with the same fields", async () => {
    const cluster = await freshPostgresDatabase();
    const onCluster = await withPgClient({ connectionString: cluster.connectionString }, (client) =>
      client.query('SELECT 1/0').catch((error: unknown) => error),
    );
    await cluster.drop();
    const pglite = await freshPgliteDatabase();
    const client = new pglite.Client();
    await client.connect();
    const onPglite = await client.query('SELECT 1/0').catch((error: unknown) => error);
    await client.end();
    await pglite.release();
    expect(onCluster).toBeInstanceOf(PgDatabaseError);
    expect(onPglite).not.toBeInstanceOf(PgDatabaseError);
    expect(onPglite).toBeInstanceOf(messages.DatabaseError);
    expect(plain(onPglite)).toStrictEqual(plain(onCluster));
    expect(plain(onCluster)).toMatchObject({ code: '22012', message: 'division by zero' });
  });
});
