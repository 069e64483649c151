// The PUBLISHED `@auth/sequelize-adapter` (2.11.3) over sql.js through our engine: the reference
// the conformance suite was developed against, and the record of where upstream deviates from
// the Auth.js contract (see upstream-sequelize.test.ts).
import SequelizeAdapter, { models } from '@auth/sequelize-adapter';
import { DataTypes, Sequelize } from 'sequelize';
import { createSqlite3Shim, loadSqlJs } from '../../src/engine/sql-js/index.ts';
import type { AdapterHarness, HarnessInstance, HarnessOptions, Role } from './harness.ts';

/** Upstream's table names (its models are defined with `underscored: true`). */
const TABLES: Readonly<Record<Role, string | undefined>> = {
  user: 'users',
  account: 'accounts',
  session: 'sessions',
  verificationToken: 'verification_tokens',
  authenticator: undefined, // upstream has no WebAuthn support
};

export const upstreamSequelizeSqlJsHarness: AdapterHarness = {
  name: '@auth/sequelize-adapter 2.11.3 × sql.js',
  webauthn: false,

  async setup(options: HarnessOptions = {}): Promise<HarnessInstance> {
    const SQL = await loadSqlJs();
    const database = new SQL.Database();
    const sequelize = new Sequelize({
      dialect: 'sqlite',
      storage: ':memory:',
      dialectModule: createSqlite3Shim(SQL, { database }),
      logging: false,
    });
    const adapter = options.customUser
      ? SequelizeAdapter(sequelize, {
          models: {
            User: sequelize.define('user', { ...models.User, phoneNumber: DataTypes.STRING }, { underscored: true, timestamps: false }),
          },
        })
      : SequelizeAdapter(sequelize);
    // The adapter has defined its models (and their associations) by now.
    if (!options.emptyDatabase) await sequelize.sync();

    return {
      adapter,
      async count(role: Role): Promise<number> {
        const table = TABLES[role];
        if (table === undefined) throw new Error(`@auth/sequelize-adapter has no ${role} table`);
        const exists = database.exec('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?', ['table', table]);
        // Before the adapter's lazy sync has created a table, it holds no rows.
        if (exists.length === 0) return 0;
        const [result] = database.exec(`SELECT count(*) FROM ${table}`);
        return Number(result?.values[0]?.[0]);
      },
      async teardown(): Promise<void> {
        await sequelize.close();
        database.close();
      },
    };
  },
};
