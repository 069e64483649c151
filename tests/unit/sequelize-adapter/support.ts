// A Sequelize instance over a fresh sql.js database, with every statement recorded.
import { Sequelize } from 'sequelize';
import { createSqlite3Shim, freshSqlJsDatabase, recordStatements, type Database, type StatementEvent } from '../adapter-support/sql-js.ts';

export interface SqliteSequelize {
  sequelize: Sequelize;
  database: Database;
  statements: StatementEvent[];
  /** Rows of a raw query on the database, as objects. */
  query(sql: string): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function sqliteSequelize(): Promise<SqliteSequelize> {
  const { SQL, database } = await freshSqlJsDatabase();
  const statements = recordStatements(database);
  const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', dialectModule: createSqlite3Shim(SQL, { database }), logging: false });
  return {
    sequelize,
    database,
    statements,
    query(sql) {
      const [result] = database.exec(sql);
      return (result?.values ?? []).map((row) => Object.fromEntries(row.map((value, i) => [result!.columns[i]!, value])));
    },
    async close() {
      await sequelize.close();
      database.close();
    },
  };
}
