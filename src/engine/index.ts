/**
 * The engine seam (engine.ts) and the data it reads for the panels (database-state.ts). The
 * implementations live in sub-folders: sql-js/ today.
 */
export type { Engine, EngineDatabase, OrmConnectors, RowEvent, RowObserver, RowOperation, StatementEvent, StatementListener } from './engine.ts';
export * from './database-state.ts';
