// MikroORM 7 over a fresh sql.js database, with the adapter's tables created and every statement recorded.
import { MikroORM } from '@mikro-orm/core';
import { SqliteDriver } from '@mikro-orm/sql';
import { defaultEntities, type MikroOrmOptions } from '@adapter-lab/mikro-orm-adapter';
import { createSqlJsDialect, freshSqlJsDatabase, recordStatements, type Database, type StatementEvent } from '../adapter-support/sql-js.ts';

export interface SqliteMikroOrm {
  options: MikroOrmOptions;
  database: Database;
  statements: StatementEvent[];
  close(): Promise<void>;
}

export async function sqliteMikroOrm(): Promise<SqliteMikroOrm> {
  const { database } = await freshSqlJsDatabase();
  const options: MikroOrmOptions = { driver: SqliteDriver, dbName: ':memory:', driverOptions: createSqlJsDialect(database) };
  const admin = await MikroORM.init({ ...options, entities: Object.values(defaultEntities) });
  await admin.schema.create();
  await admin.close();
  const statements = recordStatements(database);
  return { options, database, statements, close: async () => database.close() };
}
