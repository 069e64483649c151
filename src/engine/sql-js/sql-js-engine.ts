import type { Dialect } from 'kysely';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import type { DatabaseState, SchemaInfo, WholeValue } from '../database-state.ts';
import type { Engine, EngineDatabase, OrmConnectors, RowEvent, RowObserver, StatementListener } from '../engine.ts';
import { copyDatabaseInto } from './copy-database.ts';
import { checkDatabaseFile, readDatabaseState, readSchema } from './inspection.ts';
import { readWholeValue } from './read-value.ts';
import { RowChanges } from './row-changes.ts';
import { watchStatements } from './statement-log.ts';

/**
 * The bridges an ORM connects through (OrmConnectors), given to the engine by whoever builds it:
 * a worker's bundle then holds its own ORM's bridge only (the sqlite3 imitation for Sequelize,
 * the kysely dialect for MikroORM), as the bundler cannot drop an unused method of an object.
 */
export interface SqlJsBridges {
  readonly sequelize?: (SQL: SqlJsStatic, database: Database) => object;
  readonly kysely?: (database: Database) => Dialect;
}

/** SQLite compiled to WebAssembly (sql.js), in memory: the same in Node and in the browser. */
export function sqlJsEngine(SQL: SqlJsStatic, bridges: SqlJsBridges): Engine {
  const probe = new SQL.Database();
  const version = `SQLite ${String(probe.exec('SELECT sqlite_version()')[0]?.values[0]?.[0] ?? '')}`;
  probe.close();
  return {
    dialect: 'sqlite',
    version,
    exportsEachAction: true,
    open: (bytes) => Promise.resolve(new SqlJsDatabase(SQL, bytes ? new SQL.Database(bytes) : new SQL.Database(), version, bridges)),
    checkFile: (bytes) => Promise.resolve(checkDatabaseFile(bytes, (copy) => new SQL.Database(copy))),
  };
}

/**
 * The sql.js engine in the sandboxed worker, from the wasm bytes the page sent (the worker
 * fetches nothing).
 */
export async function sqlJsEngineFromWasm(wasm: ArrayBuffer, bridges: SqlJsBridges): Promise<Engine> {
  const SQL = await initSqlJs({ wasmBinary: wasm });
  // SQLite seeds its own generator from the first database's first need of randomness:
  // do it now, so that every run starts the seeded sequence at the same point.
  const warmUp = new SQL.Database();
  warmUp.exec('SELECT randomblob(16)');
  warmUp.close();
  return sqlJsEngine(SQL, bridges);
}

function bridge<T>(made: T | undefined, orm: string): T {
  if (!made) throw new Error(`This sql.js engine was built without the ${orm} bridge.`);
  return made;
}

class SqlJsDatabase implements EngineDatabase {
  readonly dialect = 'sqlite' as const;
  readonly version: string;
  readonly connectors: OrmConnectors;
  readonly #SQL: SqlJsStatic;
  readonly #database: Database;

  constructor(SQL: SqlJsStatic, database: Database, version: string, bridges: SqlJsBridges) {
    this.#SQL = SQL;
    this.#database = database;
    this.version = version;
    this.connectors = {
      dialect: 'sqlite',
      sequelize: () => ({ dialect: 'sqlite', dialectModule: bridge(bridges.sequelize, 'Sequelize')(SQL, database) }),
      kysely: () => bridge(bridges.kysely, 'kysely (MikroORM)')(database),
    };
  }

  watchStatements(listener: StatementListener): () => void {
    return watchStatements(this.#database, listener);
  }

  observeRows(listener?: (event: RowEvent) => void): RowObserver {
    return new RowChanges(this.#database, listener);
  }

  isEmpty(): Promise<boolean> {
    return Promise.resolve(!this.#database.exec('SELECT 1 FROM sqlite_schema LIMIT 1')[0]);
  }

  readState(): Promise<DatabaseState> {
    return Promise.resolve(readDatabaseState(this.#database));
  }

  readSchema(): Promise<SchemaInfo> {
    return Promise.resolve(readSchema(this.#database));
  }

  readValue(table: string, key: string, column: string): Promise<{ value: WholeValue } | { refused: string }> {
    return Promise.resolve(readWholeValue(this.#database, table, key, column));
  }

  export(): Promise<Uint8Array> {
    return Promise.resolve(this.#database.export());
  }

  async replaceWith(bytes: Uint8Array): Promise<void> {
    const source = new this.#SQL.Database(bytes);
    try {
      copyDatabaseInto(source, this.#database);
    } finally {
      source.close();
    }
  }

  close(): Promise<void> {
    this.#database.close();
    return Promise.resolve();
  }
}
