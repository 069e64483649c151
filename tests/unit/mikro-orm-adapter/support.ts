// MikroORM 7 over a fresh sql.js database, with the adapter's tables created and every statement recorded.
import { MikroORM } from '@mikro-orm/core';
import { SqliteDriver } from '@mikro-orm/sql';
import { defaultEntities, type MikroOrmOptions } from '@adapter-lab/mikro-orm-adapter';
import { createSqlJsDialect, loadSqlJs, watchStatements, type Database, type StatementEvent } from '../../../src/engine/index.ts';

export interface SqliteMikroOrm {
  options: MikroOrmOptions;
  database: Database;
  statements: StatementEvent[];
  close(): Promise<void>;
}

export async function sqliteMikroOrm(): Promise<SqliteMikroOrm> {
  const SQL = await loadSqlJs();
  const database = new SQL.Database();
  const options: MikroOrmOptions = { driver: SqliteDriver, dbName: ':memory:', driverOptions: createSqlJsDialect(database) };
  const admin = await MikroORM.init({ ...options, entities: Object.values(defaultEntities) });
  await admin.schema.create();
  await admin.close();
  const statements: StatementEvent[] = [];
  watchStatements(database, (event) => statements.push(event));
  return { options, database, statements, close: async () => database.close() };
}

export const sampleUser = (n = 1) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  name: `User ${n}`,
  email: `user${n}@example.com`,
  emailVerified: new Date('2024-05-01T10:00:00.123Z'),
  image: null,
});
