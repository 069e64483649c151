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

/** Code written for Node (the checks, the ORMs' BLOB handling) expects a global Buffer. */
export function installBuffer(): void {
  (globalThis as { Buffer?: unknown }).Buffer ??= Buffer;
}

/** Runs one ORM's engine check in this realm (the page's main thread, or Node). */
export async function runEngineCheck(orm: OrmName): Promise<EngineCheckReport> {
  installBuffer();
  const [SQL, check] = await Promise.all([loadSqlJs(), CHECKS[orm]()]);
  return check(SQL);
}
