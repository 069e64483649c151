// sql.js for the adapters' tests: every test of packages/*-adapter reaches the engine's sql.js
// bridges through this one module, so moving those bridges changes one import here.
import {
  createSqlite3Shim,
  createSqlJsDialect,
  loadSqlJs,
  watchStatements,
  type Database,
  type SqlJsStatic,
  type StatementEvent,
} from '../../../src/engine/sql-js/index.ts';

/** The bridges the ORMs use: Sequelize's sqlite3 module and MikroORM's Kysely dialect. */
export { createSqlite3Shim, createSqlJsDialect };
export type { Database, StatementEvent };

/** A fresh in-memory database, and the sql.js module it came from (Sequelize's sqlite3 shim needs both). */
export async function freshSqlJsDatabase(): Promise<{ SQL: SqlJsStatic; database: Database }> {
  const SQL = await loadSqlJs();
  return { SQL, database: new SQL.Database() };
}

/** Every statement run on `database` from now on, in order (the array fills as they run). */
export function recordStatements(database: Database): StatementEvent[] {
  const statements: StatementEvent[] = [];
  watchStatements(database, (event) => statements.push(event));
  return statements;
}
