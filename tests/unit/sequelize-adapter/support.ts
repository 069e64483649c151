// A Sequelize instance over a fresh sql.js database, with every statement recorded.
import { Sequelize } from 'sequelize';
import { createSqlite3Shim, loadSqlJs, watchStatements, type Database, type StatementEvent } from '../../../src/engine/index.ts';

export interface SqliteSequelize {
  sequelize: Sequelize;
  database: Database;
  statements: StatementEvent[];
  /** Rows of a raw query on the database, as objects. */
  query(sql: string): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function sqliteSequelize(): Promise<SqliteSequelize> {
  const SQL = await loadSqlJs();
  const database = new SQL.Database();
  const statements: StatementEvent[] = [];
  watchStatements(database, (event) => statements.push(event));
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

export const sampleUser = (n = 1) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  name: `User ${n}`,
  email: `user${n}@example.com`,
  emailVerified: new Date('2024-05-01T10:00:00.123Z'),
  image: null,
});
