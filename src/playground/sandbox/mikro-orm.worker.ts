/** The runtime worker with MikroORM: only this ORM's code is in its bundle. */
import { mikroOrmEnvironment } from '../runtime/env/mikro-orm-env.ts';
import { startRuntimeWorker } from './runtime-worker.ts';

startRuntimeWorker(mikroOrmEnvironment);
