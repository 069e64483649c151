/**
 * The runtime worker with the published @auth/mikro-orm-adapter on MikroORM 5 over SQLite (sql.js):
 * knex's sqlite3 client runs on the engine's sqlite3 imitation, the bridge Sequelize uses too.
 */
import { sqlJsEngineFromWasm } from '../../engine/sql-js/sql-js-engine.ts';
import { createSqlite3Shim } from '../../engine/sql-js/sqlite3-shim.ts';
import type { SqliteAssets } from '../protocol.ts';
import { mikroOrmOfficialEnvironment } from '../runtime/env/mikro-orm-official-env.ts';
import { startRuntimeWorker } from './runtime-worker.ts';

startRuntimeWorker(mikroOrmOfficialEnvironment, (assets: SqliteAssets) =>
  sqlJsEngineFromWasm(assets.wasm, { sequelize: (SQL, database) => createSqlite3Shim(SQL, { database }) }),
);
