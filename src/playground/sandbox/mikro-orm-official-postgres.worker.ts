/**
 * The runtime worker with the published @auth/mikro-orm-adapter on MikroORM 5 over PostgreSQL
 * (PGlite): knex's pg client with the real `pg` Client the engine connects to PGlite.
 */
import { pgliteEngineFromAssets } from '../../engine/pglite/pglite-from-assets.ts';
import type { PostgresAssets } from '../protocol.ts';
import { mikroOrmOfficialPostgresEnvironment } from '../runtime/env/mikro-orm-official-postgres-env.ts';
import { startRuntimeWorker } from './runtime-worker.ts';

startRuntimeWorker(mikroOrmOfficialPostgresEnvironment, (assets: PostgresAssets) => pgliteEngineFromAssets(assets));
