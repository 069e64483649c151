/** The runtime worker with Sequelize: only this ORM's code is in its bundle. */
import { sequelizeEnvironment } from '../runtime/env/sequelize-env.ts';
import { startRuntimeWorker } from './runtime-worker.ts';

startRuntimeWorker(sequelizeEnvironment);
