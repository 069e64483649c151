// Our Sequelize adapter's schema: upstream's tables and columns, plus the documented improvements.
import { DataTypes, QueryTypes, Sequelize, UniqueConstraintError } from 'sequelize';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import SequelizeAdapter from '@adapter-lab/sequelize-adapter';
import { freshMariaDbDatabase } from '../../support/mariadb.ts';
import { sampleUser } from '../adapter-support/adapter-calls.ts';
import { sqliteSequelize, type SqliteSequelize } from './support.ts';

let db: SqliteSequelize;
beforeEach(async () => {
  db = await sqliteSequelize();
});
afterEach(async () => {
  await db.close();
});

const columns = (table: string) => db.query(`PRAGMA table_info(${table})`).map((column) => `${String(column['name'])} ${String(column['type'])}`);
const indexes = (table: string) =>
  db.query(`PRAGMA index_list(${table})`).map((index) => ({
    unique: index['unique'] === 1,
    columns: db.query(`PRAGMA index_info(${String(index['name'])})`).map((info) => info['name']),
  }));

describe('the Sequelize adapter schema', () => {
  it('registers all five models, so a plain sequelize.sync() creates every table', async () => {
    SequelizeAdapter(db.sequelize);
    await db.sequelize.sync();
    expect(db.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").map((row) => row['name'])).toEqual([
      'accounts',
      'authenticators',
      'sessions',
      'users',
      'verification_tokens',
    ]);
  });

  it("keeps @auth/sequelize-adapter's table and column names, with tokens as TEXT", async () => {
    const adapter = SequelizeAdapter(db.sequelize);
    await adapter.getUser?.('nobody');
    expect(columns('users')).toEqual(['id UUID', 'name VARCHAR(255)', 'email VARCHAR(255)', 'email_verified DATETIME', 'image VARCHAR(255)']);
    expect(columns('accounts')).toEqual([
      'id UUID',
      'type VARCHAR(255)',
      'provider VARCHAR(255)',
      'provider_account_id VARCHAR(255)',
      'refresh_token TEXT',
      'access_token TEXT',
      'expires_at INTEGER',
      'token_type VARCHAR(255)',
      'scope VARCHAR(255)',
      'id_token TEXT',
      'session_state VARCHAR(255)',
      'user_id UUID',
    ]);
    expect(columns('sessions')).toEqual(['id UUID', 'expires DATETIME', 'session_token VARCHAR(255)', 'user_id UUID']);
    expect(columns('verification_tokens')).toEqual(['token VARCHAR(255)', 'identifier VARCHAR(255)', 'expires DATETIME']);
    expect(columns('authenticators')).toEqual([
      'credential_id VARCHAR(255)',
      'user_id UUID',
      'provider_account_id VARCHAR(255)',
      'credential_public_key TEXT',
      'counter INTEGER',
      'credential_device_type VARCHAR(255)',
      'credential_backed_up TINYINT(1)',
      'transports VARCHAR(255)',
    ]);
  });

  it('indexes every foreign-key and lookup column, and makes provider accounts unique', async () => {
    await SequelizeAdapter(db.sequelize).getUser?.('nobody');
    expect(indexes('accounts')).toEqual(
      expect.arrayContaining([
        { unique: true, columns: ['provider', 'provider_account_id'] },
        { unique: false, columns: ['user_id'] },
      ]),
    );
    expect(indexes('sessions')).toEqual(
      expect.arrayContaining([
        { unique: false, columns: ['user_id'] },
        { unique: true, columns: ['session_token'] },
      ]),
    );
    expect(indexes('verification_tokens')).toEqual(expect.arrayContaining([{ unique: false, columns: ['identifier'] }]));
    expect(indexes('authenticators')).toEqual(expect.arrayContaining([{ unique: false, columns: ['user_id'] }]));
    expect(indexes('users')).toEqual(expect.arrayContaining([{ unique: true, columns: ['email'] }]));
  });

  it('refuses a second account for the same provider account', async () => {
    const adapter = SequelizeAdapter(db.sequelize);
    await adapter.createUser?.(sampleUser(1));
    const account = { userId: sampleUser(1).id, type: 'oauth' as const, provider: 'github', providerAccountId: '42' };
    await adapter.linkAccount?.(account);
    await expect(adapter.linkAccount?.(account)).rejects.toBeInstanceOf(UniqueConstraintError);
  });

  it('cascades deletes of a user to its accounts, sessions and authenticators', async () => {
    await SequelizeAdapter(db.sequelize).getUser?.('nobody');
    for (const table of ['accounts', 'sessions', 'authenticators']) {
      expect(db.query(`PRAGMA foreign_key_list(${table})`)).toEqual([
        expect.objectContaining({ table: 'users', from: 'user_id', to: 'id', on_delete: 'CASCADE' }),
      ]);
    }
  });

  it('creates missing tables once, one at a time, users before the tables that reference them', async () => {
    const adapter = SequelizeAdapter(db.sequelize);
    await Promise.all(Array.from({ length: 8 }, (_, i) => adapter.getUser?.(`nobody-${i}`)));
    const created = db.statements.filter((statement) => /^CREATE TABLE/.test(statement.sql)).map((statement) => /`(\w+)`/.exec(statement.sql)?.[1]);
    expect(created).toEqual(['users', 'accounts', 'sessions', 'verification_tokens', 'authenticators']);
  });

  it('checks for existing tables with one statement and touches none of them', async () => {
    SequelizeAdapter(db.sequelize);
    await db.sequelize.sync();
    const before = db.statements.length;
    await SequelizeAdapter(db.sequelize).getUser?.('nobody');
    expect(db.statements.slice(before).map((statement) => statement.sql.split(' ')[0])).toEqual(['SELECT', 'SELECT']);
  });

  it('creates no table with synchronize: false, nor when NODE_ENV is production', async () => {
    await expect(SequelizeAdapter(db.sequelize, { synchronize: false }).getUser?.('nobody')).rejects.toThrow(/no such table: users/);
    const previous = process.env['NODE_ENV'];
    process.env['NODE_ENV'] = 'production';
    try {
      await expect(SequelizeAdapter(db.sequelize).getUser?.('nobody')).rejects.toThrow(/no such table: users/);
    } finally {
      process.env['NODE_ENV'] = previous;
    }
    expect(db.query("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'")).toEqual([{ n: 0 }]);
  });

  it('reuses models already defined on the instance instead of redefining them', () => {
    SequelizeAdapter(db.sequelize);
    const User = db.sequelize.model('user');
    SequelizeAdapter(db.sequelize);
    expect(db.sequelize.model('user')).toBe(User);
    expect(Object.keys(db.sequelize.model('account').associations)).toEqual(['user']);
  });

  it('exports the attribute maps with every column named', async () => {
    const { models } = await import('@adapter-lab/sequelize-adapter');
    for (const map of Object.values(models)) {
      for (const [attribute, definition] of Object.entries(map)) expect(definition.field, attribute).toMatch(/^[a-z_]+$/);
    }
    expect(Object.keys(models).sort()).toEqual(['Account', 'Authenticator', 'Session', 'User', 'VerificationToken']);
    expect(models.Account.access_token.type).toBe(DataTypes.TEXT);
  });
});

describe('the Sequelize adapter schema on MariaDB', () => {
  it("keeps dates' milliseconds: DATETIME(3), where a plain DATETIME would drop them", async () => {
    const db = await freshMariaDbDatabase();
    const sequelize = new Sequelize(db.name, db.user, '', { dialect: 'mariadb', host: db.host, port: db.port, logging: false });
    try {
      const adapter = SequelizeAdapter(sequelize);
      const expires = new Date('2031-02-03T04:05:06.789Z');
      await adapter.createUser?.(sampleUser(1));
      await adapter.createSession?.({ sessionToken: 't1', userId: sampleUser(1).id, expires });
      expect((await adapter.getSessionAndUser?.('t1'))?.session.expires).toEqual(expires);
      const columns = await sequelize.query(
        "SELECT table_name AS `table`, column_name AS `column`, column_type AS type FROM information_schema.columns WHERE table_schema = DATABASE() AND data_type = 'datetime' ORDER BY 1, 2",
        { type: QueryTypes.SELECT },
      );
      expect(columns).toEqual([
        { table: 'sessions', column: 'expires', type: 'datetime(3)' },
        { table: 'users', column: 'email_verified', type: 'datetime(3)' },
        { table: 'verification_tokens', column: 'expires', type: 'datetime(3)' },
      ]);
    } finally {
      await sequelize.close();
      await db.drop();
    }
  });
});
