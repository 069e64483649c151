/** The runtime worker with MikroORM on PostgreSQL (PGlite): its real PostgreSqlDriver over the real `pg` module. */
import { pgliteEngineFromAssets } from '../../engine/pglite/pglite-from-assets.ts';
import type { PostgresAssets } from '../protocol.ts';
import { mikroOrmPostgresEnvironment } from '../runtime/env/mikro-orm-postgres-env.ts';
import { startRuntimeWorker } from './runtime-worker.ts';

startRuntimeWorker(mikroOrmPostgresEnvironment, (assets: PostgresAssets) => pgliteEngineFromAssets(assets));
