/** The runtime worker with Sequelize: only this ORM's code (and its engine bridge) is in its bundle. */
import { sqlJsEngineFromWasm } from '../../engine/sql-js/sql-js-engine.ts';
import { createSqlite3Shim } from '../../engine/sql-js/sqlite3-shim.ts';
import { sequelizeEnvironment } from '../runtime/env/sequelize-env.ts';
import type { SqliteAssets } from '../protocol.ts';
import { startRuntimeWorker } from './runtime-worker.ts';

startRuntimeWorker(sequelizeEnvironment, (assets: SqliteAssets) =>
  sqlJsEngineFromWasm(assets.wasm, { sequelize: (SQL, database) => createSqlite3Shim(SQL, { database }) }),
);
