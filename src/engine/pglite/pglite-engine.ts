import type { PGlite } from '@electric-sql/pglite';
import type { DatabaseState, SchemaInfo, WholeValue } from '../database-state.ts';
import type { Engine, EngineDatabase, PostgresConnectors, RowEvent, RowObserver, StatementEvent, StatementListener } from '../engine.ts';
import { checkDumpFile } from './dump-file.ts';
import { installRowLog } from './hidden-schema.ts';
import { isEmpty, readDatabaseState, readSchema } from './inspection.ts';
import { createPgModule } from './pg-module.ts';
import { readWholeValue } from './read-value.ts';
import { emptyDatabase } from './reset.ts';
import { PgRowChanges } from './row-changes.ts';

/** Starts a PostgreSQL: empty (a fresh cluster), or from a data-directory dump. */
export type StartPglite = (dump?: Blob) => Promise<PGlite>;

/**
 * PostgreSQL compiled to WebAssembly (PGlite), in memory. Starting one takes seconds (initdb), so
 * the engine keeps one: a fresh database is the same PostgreSQL emptied (every user schema
 * dropped), and a loaded dump replaces it with a PostgreSQL started from the dump. The ORMs
 * connect through the real `pg` module (pg-module.ts), so what they send and get back is what
 * they would against a server.
 */
export async function pgliteEngine(start: StartPglite): Promise<Engine> {
  const host = new PgliteHost(await prepared(start()));
  const { rows } = await host.current().query<{ version: string }>('SELECT version()');
  // "PostgreSQL 19.0 (PGlite 0.6.1) on wasm32-unknown-emscripten, compiled by …"
  const version = (rows[0]?.version ?? 'PostgreSQL').split(' on ')[0]!;
  const major = /PostgreSQL (\d+)/.exec(version)?.[1] ?? '';
  let database: PgliteDatabase | undefined;
  return {
    dialect: 'postgres',
    version,
    exportsEachAction: false,
    async open(bytes) {
      if (bytes) await host.replace(await prepared(start(new Blob([bytes as Uint8Array<ArrayBuffer>]))));
      else await host.exclusive(() => emptyDatabase(host.current()));
      database?.detach();
      database = new PgliteDatabase(host, version, start);
      return database;
    },
    checkFile: (bytes) => checkDumpFile(bytes, major),
  };
}

async function prepared(starting: Promise<PGlite>): Promise<PGlite> {
  const instance = await starting;
  await installRowLog(instance);
  return instance;
}

/** The one PostgreSQL of the moment, one queue for what talks to it, and the listeners of its statements. */
class PgliteHost {
  #instance: PGlite;
  #queue: Promise<unknown> = Promise.resolve();
  readonly listeners = new Set<StatementListener>();

  constructor(instance: PGlite) {
    this.#instance = instance;
  }

  current(): PGlite {
    return this.#instance;
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => {});
    return run;
  }

  report(event: StatementEvent): void {
    for (const listener of this.listeners) {
      // A faulty listener must not turn a successful statement into a failed one.
      try {
        listener(event);
      } catch (error) {
        console.error('Statement listener failed:', error);
      }
    }
  }

  /** Makes `next` the database; connected clients go on, now on it. */
  async replace(next: PGlite): Promise<void> {
    const previous = await this.exclusive(async () => {
      const old = this.#instance;
      this.#instance = next;
      return old;
    });
    if (previous !== next) await previous.close().catch(() => {});
  }
}

class PgliteDatabase implements EngineDatabase {
  readonly dialect = 'postgres' as const;
  readonly version: string;
  readonly connectors: PostgresConnectors;
  readonly #host: PgliteHost;
  readonly #start: StartPglite;
  readonly #watchers = new Set<StatementListener>();
  #detached = false;

  constructor(host: PgliteHost, version: string, start: StartPglite) {
    this.#host = host;
    this.version = version;
    this.#start = start;
    const pgModule = createPgModule({
      current: () => host.current(),
      exclusive: (work) => host.exclusive(work),
      report: (event) => host.report(event),
    });
    this.connectors = {
      dialect: 'postgres',
      sequelize: () => ({ dialect: 'postgres', dialectModule: pgModule }),
      pgClient: () => pgModule.Client as unknown as new (config?: object) => object,
    };
  }

  /** This database is no longer the current one (the engine opened another): its watchers stop. */
  detach(): void {
    this.#detached = true;
    for (const listener of this.#watchers) this.#host.listeners.delete(listener);
    this.#watchers.clear();
  }

  #query<T>(work: (db: PGlite) => Promise<T>): Promise<T> {
    if (this.#detached) return Promise.reject(new Error('This database was closed: the engine opened another.'));
    return this.#host.exclusive(() => work(this.#host.current()));
  }

  watchStatements(listener: StatementListener): () => void {
    const own: StatementListener = (event) => listener(event);
    this.#watchers.add(own);
    this.#host.listeners.add(own);
    return () => {
      this.#watchers.delete(own);
      this.#host.listeners.delete(own);
    };
  }

  observeRows(listener?: (event: RowEvent) => void): RowObserver {
    return new PgRowChanges(() => this.#host.current(), listener);
  }

  isEmpty(): Promise<boolean> {
    return this.#query(isEmpty);
  }

  readState(): Promise<DatabaseState> {
    return this.#query(readDatabaseState);
  }

  readSchema(): Promise<SchemaInfo> {
    return this.#query(readSchema);
  }

  readValue(table: string, key: string, column: string): Promise<{ value: WholeValue } | { refused: string }> {
    return this.#query((db) => readWholeValue(db, table, key, column));
  }

  async export(): Promise<Uint8Array> {
    const dump = await this.#query((db) => db.dumpDataDir('gzip'));
    return new Uint8Array(await dump.arrayBuffer());
  }

  async replaceWith(bytes: Uint8Array): Promise<void> {
    // Started apart first: a dump PostgreSQL cannot start from changes nothing.
    const next = await prepared(this.#start(new Blob([bytes as Uint8Array<ArrayBuffer>])));
    await this.#host.replace(next);
  }

  close(): Promise<void> {
    // The PostgreSQL stays: the engine's next database is this one emptied (see pgliteEngine).
    this.detach();
    return Promise.resolve();
  }
}
