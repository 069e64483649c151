/**
 * The engine: SQLite (sql.js, WebAssembly) under Sequelize and MikroORM, identical in Node and
 * in the browser. It knows nothing of Auth.js or of any UI.
 *
 * Browser code imports the module it needs (e.g. `./sqlite3-shim.ts`) rather than this barrel,
 * so that each ORM's lazily loaded chunk carries only its own bridge (the bundler assigns
 * modules to chunks before tree-shaking re-exports).
 */
export { loadSqlJs } from './load-sql-js.ts';
export { createSqlite3Shim, type Sqlite3Module, type Sqlite3Database, type Sqlite3ShimOptions } from './sqlite3-shim.ts';
export { createSqlJsDialect } from './kysely-dialect.ts';
export { watchStatements, type StatementEvent, type StatementListener, type BridgeName } from './statement-log.ts';
export { SqliteError, sqliteErrorCode } from './sqlite-errors.ts';
export { toSqlValue } from './run-statement.ts';
export type { Database, SqlJsStatic } from 'sql.js';
export { readTables, type TableSnapshot, type ForeignKey } from './read-tables.ts';
