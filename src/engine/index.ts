/**
 * The engine seam (engine.ts) and the data it reads for the panels (database-state.ts). The
 * implementations live in sub-folders: sql-js/ today.
 */
export type { Engine, EngineDatabase, OrmConnectors, RowEvent, RowObserver, RowOperation, StatementEvent, StatementListener } from './engine.ts';
export * from './database-state.ts';

// Until tests/unit/sequelize-adapter/** and tests/unit/mikro-orm-adapter/** import the sql.js
// engine from './sql-js/index.ts' (issue 15's merge), they find it here. Remove then.
export { createSqlite3Shim, createSqlJsDialect, loadSqlJs, watchStatements, type Database } from './sql-js/index.ts';
