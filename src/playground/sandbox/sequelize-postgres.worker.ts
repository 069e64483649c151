/** The runtime worker with Sequelize on PostgreSQL (PGlite): its real `postgres` dialect over the real `pg` module. */
import { pgliteEngineFromAssets } from '../../engine/pglite/pglite-from-assets.ts';
import type { PostgresAssets } from '../protocol.ts';
import { sequelizeEnvironment } from '../runtime/env/sequelize-env.ts';
import { startRuntimeWorker } from './runtime-worker.ts';

startRuntimeWorker(sequelizeEnvironment, (assets: PostgresAssets) => pgliteEngineFromAssets(assets));
