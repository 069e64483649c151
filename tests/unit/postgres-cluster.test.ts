// The shared throwaway PostgreSQL cluster (tests/support/postgres-global-setup.ts) and
// freshPostgresDatabase(): real SQL through `pg`, and Sequelize 6's postgres dialect over it.
import { existsSync } from 'node:fs';
import { DataTypes, Sequelize } from 'sequelize';
import { describe, expect, inject, it } from 'vitest';
import { startPostgresCluster } from '../support/postgres-cluster.ts';
import { portTakenFirst } from '../support/throwaway-server.ts';
import { freshPostgresDatabase, withPgClient } from '../support/postgres.ts';

describe('throwaway PostgreSQL cluster', () => {
  it('is provided to the unit project on loopback', () => {
    const postgres = inject('postgres');
    expect(postgres.host).toBe('127.0.0.1');
    expect(postgres.port).toBeGreaterThan(0);
    expect(postgres.user).toBe('postgres');
  });

  it('runs SQL through pg: tables, a foreign key with ON DELETE CASCADE, rows', async () => {
    const db = await freshPostgresDatabase();
    try {
      await withPgClient({ connectionString: db.connectionString }, async (client) => {
        const {
          rows: [info],
        } = await client.query<{ db: string; version: string }>("SELECT current_database() AS db, current_setting('server_version') AS version");
        expect(info?.db).toBe(db.name);
        await client.query('CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE)');
        await client.query(
          'CREATE TABLE sessions (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE, token text NOT NULL)',
        );
        const {
          rows: [user],
        } = await client.query<{ id: number }>('INSERT INTO users (email) VALUES ($1) RETURNING id', ['ada@example.com']);
        const userId = user?.id;
        await client.query('INSERT INTO sessions (user_id, token) VALUES ($1, $2), ($1, $3)', [userId, 'a', 'b']);
        const sessions = await client.query<{ token: string; email: string }>(
          'SELECT s.token, u.email FROM sessions s JOIN users u ON u.id = s.user_id ORDER BY s.token',
        );
        expect(sessions.rows).toEqual([
          { token: 'a', email: 'ada@example.com' },
          { token: 'b', email: 'ada@example.com' },
        ]);
        await expect(client.query('INSERT INTO sessions (user_id, token) VALUES (999, $1)', ['c'])).rejects.toMatchObject({
          code: '23503', // foreign_key_violation
        });
        await expect(client.query('INSERT INTO users (email) VALUES ($1)', ['ada@example.com'])).rejects.toMatchObject({
          code: '23505', // unique_violation
        });
        const deleted = await client.query('DELETE FROM users WHERE id = $1', [userId]);
        expect(deleted.rowCount).toBe(1);
        const left = await client.query<{ n: string }>('SELECT count(*) AS n FROM sessions');
        expect(left.rows).toEqual([{ n: '0' }]);
      });
    } finally {
      await db.drop();
    }
  });

  it('gives every call its own database', async () => {
    const [a, b] = await Promise.all([freshPostgresDatabase(), freshPostgresDatabase()]);
    try {
      expect(a.name).not.toBe(b.name);
      await withPgClient({ connectionString: a.connectionString }, (client) => client.query('CREATE TABLE only_in_a (id int)'));
      const tables = await withPgClient({ connectionString: b.connectionString }, (client) =>
        client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"),
      );
      expect(tables.rows).toEqual([]);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
    // Dropped: connecting fails with invalid_catalog_name.
    await expect(withPgClient({ connectionString: a.connectionString }, async () => {})).rejects.toMatchObject({
      code: '3D000',
    });
  });

  it('runs Sequelize 6 (postgres dialect): sync() and a round trip', async () => {
    const db = await freshPostgresDatabase();
    const sequelize = new Sequelize(db.connectionString, { logging: false });
    try {
      await sequelize.authenticate();
      const User = sequelize.define('User', {
        email: { type: DataTypes.STRING, allowNull: false, unique: true },
        emailVerified: { type: DataTypes.DATE },
      });
      const Session = sequelize.define('Session', {
        sessionToken: { type: DataTypes.STRING, allowNull: false, unique: true },
      });
      User.hasMany(Session, { foreignKey: { name: 'userId', allowNull: false }, onDelete: 'CASCADE' });
      await sequelize.sync();

      const user = await User.create({ email: 'ada@example.com', emailVerified: new Date('2026-01-02T03:04:05Z') });
      await Session.create({ sessionToken: 't1', userId: user.get('id') });
      const found = await User.findOne({ where: { email: 'ada@example.com' } });
      expect(found?.get('emailVerified')).toEqual(new Date('2026-01-02T03:04:05Z'));
      expect(await Session.count()).toBe(1);
      await user.destroy();
      expect(await Session.count()).toBe(0);
      expect((await sequelize.getQueryInterface().showAllTables()).sort()).toEqual(['Sessions', 'Users']);
    } finally {
      await sequelize.close();
      await db.drop();
    }
  });

  it('startPostgresCluster() moves to another port when its port was taken meanwhile', { timeout: 60_000 }, async () => {
    // Someone else grabs the first port between "free" and pg_ctl start.
    const { pickPort, offered, release } = await portTakenFirst();
    try {
      const cluster = await startPostgresCluster({ pickPort });
      try {
        expect(offered).toHaveLength(2);
        expect(cluster.port).toBe(offered[1]);
        await cluster.createDatabase('retry check');
        const { rows } = await withPgClient({ connectionString: cluster.connectionString('retry check') }, (client) =>
          client.query('SELECT current_database() AS db'),
        );
        expect(rows).toEqual([{ db: 'retry check' }]);
        await cluster.dropDatabase('retry check');
      } finally {
        await cluster.stop();
      }
      expect(existsSync(cluster.socketDir)).toBe(false);
    } finally {
      release();
    }
  });
});
