import type { Sequelize } from 'sequelize';
import { ROLES, type AdapterModels } from './models-setup.ts';

/**
 * Creates the adapter's missing tables, once per adapter: the first call of any method starts
 * it, concurrent first calls share it, and a failure lets the next call try again. Tables are
 * created one by one in foreign-key order (users first). Existing tables are never altered.
 */
export function lazySynchronizer(sequelize: Sequelize, models: AdapterModels, enabled: boolean): () => Promise<void> {
  if (!enabled || isProduction()) return async () => {};
  let done: Promise<void> | undefined;
  let finished = false;
  return () => {
    if (finished) return Promise.resolve();
    done ??= createMissingTables(sequelize, models).then(
      () => {
        finished = true;
      },
      (error: unknown) => {
        done = undefined;
        throw error;
      },
    );
    return done;
  };
}

// Read at call time and without the `process.env.NODE_ENV` spelling that bundlers replace at
// build time: in a browser there is no process, so no production switch either.
function isProduction(): boolean {
  const process = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return process?.env?.['NODE_ENV'] === 'production';
}

async function createMissingTables(sequelize: Sequelize, models: AdapterModels): Promise<void> {
  const existing = new Set((await sequelize.getQueryInterface().showAllTables()).map((table) => tableName(table).toLowerCase()));
  for (const role of ROLES) {
    const model = models[role];
    if (!existing.has(tableName(model.getTableName()).toLowerCase())) await model.sync();
  }
}

function tableName(table: unknown): string {
  if (typeof table === 'string') return table;
  const { tableName: name } = table as { tableName?: string };
  return String(name ?? table);
}
