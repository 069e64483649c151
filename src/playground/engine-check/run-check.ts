import { Buffer } from 'buffer/';
import type { SqlJsStatic } from 'sql.js';
import { loadSqlJs } from '../../engine/load-sql-js.ts';
import type { EngineCheckReport, OrmName } from './report.ts';

type Check = (SQL: SqlJsStatic) => Promise<EngineCheckReport>;

// Each check module (and the ORM it imports) is its own lazily loaded chunk.
const CHECKS: Record<OrmName, () => Promise<Check>> = {
  sequelize: async () => (await import('./sequelize-check.ts')).runSequelizeCheck,
  'mikro-orm': async () => (await import('./mikro-orm-check.ts')).runMikroOrmCheck,
};

/** Runs one ORM's engine check in this realm (a Web Worker, or the page's main thread). */
export async function runEngineCheck(orm: OrmName): Promise<EngineCheckReport> {
  // Code written for Node (the checks, the ORMs' BLOB handling) expects a global Buffer.
  (globalThis as { Buffer?: unknown }).Buffer ??= Buffer;
  const [SQL, check] = await Promise.all([loadSqlJs(), CHECKS[orm]()]);
  return check(SQL);
}
