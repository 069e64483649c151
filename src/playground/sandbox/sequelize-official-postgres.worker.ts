/** The runtime worker with Sequelize and the published @auth/sequelize-adapter, on PostgreSQL (PGlite). */
import { pgliteEngineFromAssets } from '../../engine/pglite/pglite-from-assets.ts';
import type { PostgresAssets } from '../protocol.ts';
import { sequelizeOfficialEnvironment } from '../runtime/env/sequelize-official-env.ts';
import { startRuntimeWorker } from './runtime-worker.ts';

startRuntimeWorker(sequelizeOfficialEnvironment, (assets: PostgresAssets) => pgliteEngineFromAssets(assets));
