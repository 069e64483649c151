/** The runtime worker with Sequelize and the published @auth/sequelize-adapter, on SQLite (sql.js). */
import { sqlJsEngineFromWasm } from '../../engine/sql-js/sql-js-engine.ts';
import { createSqlite3Shim } from '../../engine/sql-js/sqlite3-shim.ts';
import type { SqliteAssets } from '../protocol.ts';
import { sequelizeOfficialEnvironment } from '../runtime/env/sequelize-official-env.ts';
import { startRuntimeWorker } from './runtime-worker.ts';

startRuntimeWorker(sequelizeOfficialEnvironment, (assets: SqliteAssets) =>
  sqlJsEngineFromWasm(assets.wasm, { sequelize: (SQL, database) => createSqlite3Shim(SQL, { database }) }),
);
