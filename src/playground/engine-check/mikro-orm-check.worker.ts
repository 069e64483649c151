/** Engine-check worker for MikroORM (this ORM only). */
import { runMikroOrmCheck } from './mikro-orm-check.ts';
import { serveCheck } from './serve-check.ts';

serveCheck(runMikroOrmCheck);
