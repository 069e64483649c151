/**
 * The sql.js engine: SQLite compiled to WebAssembly under Sequelize and MikroORM, identical in
 * Node and in the browser. The only modules that import sql.js are in this folder
 * (tests/unit/engine/sql-js-imports.test.ts checks it).
 *
 * Browser code imports the module it needs (e.g. `./sql-js-engine.ts`) rather than this barrel,
 * so that each ORM's lazily loaded chunk carries only what it uses (the bundler assigns modules
 * to chunks before tree-shaking re-exports).
 */
export { loadSqlJs, loadSqlJsEngine } from './load-sql-js.ts';
export { sqlJsEngine, sqlJsEngineFromWasm, type SqlJsBridges } from './sql-js-engine.ts';
export { createSqlite3Shim, type Sqlite3Module, type Sqlite3Database, type Sqlite3ShimOptions } from './sqlite3-shim.ts';
export { createSqlJsDialect } from './kysely-dialect.ts';
export { watchStatements, type StatementEvent, type StatementListener, type BridgeName } from './statement-log.ts';
export { SqliteError, sqliteErrorCode } from './sqlite-errors.ts';
export { toSqlValue } from './run-statement.ts';
export { runStatement } from './run-statement.ts';
export type { Database, SqlJsStatic } from 'sql.js';
