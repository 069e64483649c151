// The shared throwaway MariaDB server (tests/support/mariadb-global-setup.ts) and
// freshMariaDbDatabase(): real SQL through the `mariadb` driver, Sequelize 6's mariadb dialect
// over it, and startMariaDbServer()'s port retry and clean-up.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConnection, type Connection } from 'mariadb';
import { DataTypes, Sequelize } from 'sequelize';
import { describe, expect, inject, it } from 'vitest';
import { startMariaDbServer } from '../support/mariadb-server.ts';
import { portTakenFirst } from '../support/throwaway-server.ts';
import { freshMariaDbDatabase, type FreshMariaDbDatabase } from '../support/mariadb.ts';

async function withConnection<T>(db: FreshMariaDbDatabase, work: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await createConnection({ host: db.host, port: db.port, user: db.user, database: db.name });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

describe('throwaway MariaDB server', () => {
  it('is provided to the unit project on loopback, as root', () => {
    const mariadb = inject('mariadb');
    expect(mariadb.host).toBe('127.0.0.1');
    expect(mariadb.port).toBeGreaterThan(0);
    expect(mariadb.user).toBe('root');
  });

  it('runs SQL through the mariadb driver: utf8mb4, a foreign key with ON DELETE CASCADE, DATETIME(3)', async () => {
    const db = await freshMariaDbDatabase();
    try {
      await withConnection(db, async (connection) => {
        const [info] = await connection.query<Array<{ db: string; charset: string; user: string }>>(
          'SELECT DATABASE() AS db, @@character_set_database AS charset, CURRENT_USER() AS user',
        );
        expect(info).toEqual({ db: db.name, charset: 'utf8mb4', user: 'root@127.0.0.1' });
        await connection.query('CREATE TABLE users (id INT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE, name TEXT)');
        await connection.query(
          'CREATE TABLE sessions (id INT AUTO_INCREMENT PRIMARY KEY, user_id INT NOT NULL, expires DATETIME(3) NOT NULL, ' +
            'FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE)',
        );
        const inserted = await connection.query<{ insertId: bigint }>('INSERT INTO users (email, name) VALUES (?, ?)', ['ada@example.com', 'Ada 🧮']);
        const userId = Number(inserted.insertId);
        await connection.query('INSERT INTO sessions (user_id, expires) VALUES (?, ?), (?, ?)', [
          userId,
          '2030-01-02 03:04:05.678',
          userId,
          '2030-01-02 03:04:06.789',
        ]);
        const rows = await connection.query<Array<{ name: string; expires: string }>>(
          "SELECT u.name, DATE_FORMAT(s.expires, '%Y-%m-%d %H:%i:%s.%f') AS expires FROM sessions s JOIN users u ON u.id = s.user_id ORDER BY s.expires",
        );
        expect(rows).toEqual([
          { name: 'Ada 🧮', expires: '2030-01-02 03:04:05.678000' },
          { name: 'Ada 🧮', expires: '2030-01-02 03:04:06.789000' },
        ]);
        await expect(connection.query('INSERT INTO sessions (user_id, expires) VALUES (999, NOW())')).rejects.toMatchObject({
          code: 'ER_NO_REFERENCED_ROW_2',
        });
        await expect(connection.query('INSERT INTO users (email) VALUES (?)', ['ada@example.com'])).rejects.toMatchObject({
          code: 'ER_DUP_ENTRY',
        });
        const deleted = await connection.query<{ affectedRows: number }>('DELETE FROM users WHERE id = ?', [userId]);
        expect(deleted.affectedRows).toBe(1);
        expect(await connection.query('SELECT COUNT(*) AS n FROM sessions')).toEqual([{ n: 0n }]);
      });
    } finally {
      await db.drop();
    }
  });

  it('gives every call its own database', async () => {
    const [a, b] = await Promise.all([freshMariaDbDatabase(), freshMariaDbDatabase()]);
    try {
      expect(a.name).not.toBe(b.name);
      await withConnection(a, (connection) => connection.query('CREATE TABLE only_in_a (id INT)'));
      expect(await withConnection(b, (connection) => connection.query('SHOW TABLES'))).toEqual([]);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
    await expect(withConnection(a, async () => {})).rejects.toMatchObject({ code: 'ER_BAD_DB_ERROR' });
  });

  it('runs Sequelize 6 (mariadb dialect): sync() and a round trip with milliseconds', async () => {
    const db = await freshMariaDbDatabase();
    const sequelize = new Sequelize(db.name, db.user, '', { dialect: 'mariadb', host: db.host, port: db.port, logging: false });
    try {
      await sequelize.authenticate();
      const User = sequelize.define('User', {
        email: { type: DataTypes.STRING, allowNull: false, unique: true },
        emailVerified: { type: DataTypes.DATE(3) },
      });
      const Session = sequelize.define('Session', {
        sessionToken: { type: DataTypes.STRING, allowNull: false, unique: true },
      });
      User.hasMany(Session, { foreignKey: { name: 'userId', allowNull: false }, onDelete: 'CASCADE' });
      await sequelize.sync();

      const user = await User.create({ email: 'ada@example.com', emailVerified: new Date('2026-01-02T03:04:05.678Z') });
      await Session.create({ sessionToken: 't1', userId: user.get('id') });
      const found = await User.findOne({ where: { email: 'ada@example.com' } });
      expect(found?.get('emailVerified')).toEqual(new Date('2026-01-02T03:04:05.678Z'));
      expect(await Session.count()).toBe(1);
      await user.destroy();
      expect(await Session.count()).toBe(0);
      // MariaDB's showAllTables() names each table with its schema (database).
      const tables = (await sequelize.getQueryInterface().showAllTables()) as unknown as Array<{ tableName: string; schema: string }>;
      expect(tables.map((table) => [table.schema, table.tableName]).sort()).toEqual([
        [db.name, 'Sessions'],
        [db.name, 'Users'],
      ]);
    } finally {
      await sequelize.close();
      await db.drop();
    }
  });

  it('startMariaDbServer() moves to another port when its port was taken meanwhile, and stop() removes everything', { timeout: 60_000 }, async () => {
    // Someone else grabs the first port between "free" and mariadbd's start.
    const { pickPort, offered, release } = await portTakenFirst();
    try {
      const server = await startMariaDbServer({ pickPort });
      try {
        expect(offered).toHaveLength(2);
        expect(server.port).toBe(offered[1]);
        await server.createDatabase('retry check');
        const connection = await createConnection(server.connectionString('retry check'));
        expect(await connection.query('SELECT DATABASE() AS db')).toEqual([{ db: 'retry check' }]);
        await connection.end();
        await server.dropDatabase('retry check');
      } finally {
        await server.stop();
      }
      expect(existsSync(server.dir)).toBe(false);
      await expect(createConnection({ host: server.host, port: server.port, user: server.user, connectTimeout: 2_000 })).rejects.toThrow();
    } finally {
      release();
    }
  });

  it('kills and removes the server of a test process that was killed outright, at the next start', { timeout: 60_000 }, async () => {
    // A process that starts a server, then dies by SIGKILL: no exit handler runs.
    const module = fileURLToPath(new URL('../support/mariadb-server.ts', import.meta.url));
    const script = `const { startMariaDbServer } = await import(${JSON.stringify(module)});
			const server = await startMariaDbServer();
			console.log(JSON.stringify({ dir: server.dir, port: server.port }));
			setInterval(() => {}, 60_000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const orphan = await new Promise<{ dir: string; port: number }>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('\n')) resolve(JSON.parse(output) as { dir: string; port: number });
      });
      child.once('exit', (code) => reject(new Error(`The child exited (${code}) before its server started.`)));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    // Left behind, still serving.
    expect(existsSync(orphan.dir)).toBe(true);
    await (await createConnection({ host: '127.0.0.1', port: orphan.port, user: 'root' })).end();

    const server = await startMariaDbServer();
    await server.stop();
    expect(existsSync(orphan.dir)).toBe(false);
    await expect(createConnection({ host: '127.0.0.1', port: orphan.port, user: 'root', connectTimeout: 2_000 })).rejects.toThrow();
  });
});
