/** Engine-check worker for Sequelize (this ORM only). */
import { runSequelizeCheck } from './sequelize-check.ts';
import { serveCheck } from './serve-check.ts';

serveCheck(runSequelizeCheck);
