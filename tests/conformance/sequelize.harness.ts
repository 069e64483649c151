// Our @adapter-lab/sequelize-adapter over a database that `connect()` provides: sql.js through
// the engine, a fresh database in the test run's PostgreSQL cluster, or the test file's PGlite.
import { DataTypes, QueryTypes, Sequelize } from 'sequelize';
import SequelizeAdapter, { models } from '@adapter-lab/sequelize-adapter';
import { createSqlite3Shim, loadSqlJs } from '../../src/engine/sql-js/index.ts';
import { freshPostgresDatabase } from '../support/postgres.ts';
import { freshPgliteDatabase, sequelizePgliteOptions } from '../unit/adapter-support/pglite.ts';
import type { AdapterHarness, HarnessInstance, HarnessOptions, Role } from './harness.ts';

const TABLES: Readonly<Record<Role, string>> = {
  user: 'users',
  account: 'accounts',
  session: 'sessions',
  verificationToken: 'verification_tokens',
  authenticator: 'authenticators',
};

interface Connection {
  sequelize: Sequelize;
  close(): Promise<void>;
}

export function sequelizeHarness(name: string, connect: () => Promise<Connection>): AdapterHarness {
  return {
    name,
    webauthn: true,
    async setup(options: HarnessOptions = {}): Promise<HarnessInstance> {
      const { sequelize, close } = await connect();
      const adapter = SequelizeAdapter(
        sequelize,
        options.customUser
          ? { models: { User: sequelize.define('user', { ...models.User, phoneNumber: DataTypes.STRING }, { underscored: true, timestamps: false }) } }
          : {},
      );
      if (!options.emptyDatabase) await sequelize.sync();
      return {
        adapter,
        async count(role) {
          try {
            const [row] = await sequelize.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${TABLES[role]}`, { type: QueryTypes.SELECT });
            return Number(row?.n);
          } catch {
            return 0; // the lazy synchronisation has not created this table yet
          }
        },
        async teardown() {
          await sequelize.close();
          await close();
        },
      };
    },
  };
}

export const sequelizeSqlJsHarness = sequelizeHarness('@adapter-lab/sequelize-adapter × sql.js', async () => {
  const SQL = await loadSqlJs();
  const database = new SQL.Database();
  const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', dialectModule: createSqlite3Shim(SQL, { database }), logging: false });
  return { sequelize, close: async () => database.close() };
});

export const sequelizePostgresHarness = sequelizeHarness('@adapter-lab/sequelize-adapter × PostgreSQL', async () => {
  const database = await freshPostgresDatabase();
  const sequelize = new Sequelize(database.connectionString, { logging: false, pool: { max: 5 } });
  return { sequelize, close: () => database.drop() };
});

export const sequelizePgliteHarness = sequelizeHarness('@adapter-lab/sequelize-adapter × PGlite', async () => {
  const database = await freshPgliteDatabase();
  const sequelize = new Sequelize({ ...sequelizePgliteOptions(database), logging: false });
  return { sequelize, close: () => database.release() };
});
