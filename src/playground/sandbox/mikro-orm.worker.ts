/** The runtime worker with MikroORM: only this ORM's code (and its engine bridge) is in its bundle. */
import { createSqlJsDialect } from '../../engine/sql-js/kysely-dialect.ts';
import { sqlJsEngineFromWasm } from '../../engine/sql-js/sql-js-engine.ts';
import { mikroOrmEnvironment } from '../runtime/env/mikro-orm-env.ts';
import type { SqliteAssets } from '../protocol.ts';
import { startRuntimeWorker } from './runtime-worker.ts';

startRuntimeWorker(mikroOrmEnvironment, (assets: SqliteAssets) => sqlJsEngineFromWasm(assets.wasm, { kysely: createSqlJsDialect }));
