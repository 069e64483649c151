// The official docs' custom-model example, verbatim and in the recommended form, and custom
// models that bring their own hooks.
import { DataTypes } from 'sequelize';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import SequelizeAdapter, { models } from '@adapter-lab/sequelize-adapter';
import { sampleUser, sqliteSequelize, type SqliteSequelize } from './support.ts';

let db: SqliteSequelize;
beforeEach(async () => {
  db = await sqliteSequelize();
});
afterEach(async () => {
  await db.close();
});

const userColumns = () => db.query('PRAGMA table_info(users)').map((column) => column['name']);

describe('custom models', () => {
  it("works with the official docs' example as written (camelCase extra column, timestamps)", async () => {
    const sequelize = db.sequelize;
    // Verbatim from the Auth.js docs:
    const adapter = SequelizeAdapter(sequelize, {
      models: { User: sequelize.define("user", { ...models.User, phoneNumber: DataTypes.STRING }) },
    });
    const user = await adapter.createUser?.({ ...sampleUser(1), phoneNumber: '+44 20 7946 0000' } as Parameters<NonNullable<typeof adapter.createUser>>[0]);
    // Our maps name every adapter column, so even without `underscored` the adapter's columns
    // stay snake_case; only the new attribute and Sequelize's timestamps are camelCase.
    expect(userColumns()).toEqual(['id', 'name', 'email', 'email_verified', 'image', 'phoneNumber', 'createdAt', 'updatedAt']);
    expect(user).toMatchObject({ phoneNumber: '+44 20 7946 0000', emailVerified: sampleUser(1).emailVerified });
    expect(db.query('SELECT phoneNumber, email_verified FROM users')).toEqual([{ phoneNumber: '+44 20 7946 0000', email_verified: '2024-05-01 10:00:00.123 +00:00' }]);
    expect(await adapter.getUserByEmail?.(sampleUser(1).email)).toMatchObject({ phoneNumber: '+44 20 7946 0000' });
  });

  it('works in the recommended form: underscored, no timestamps, so the new column is phone_number', async () => {
    const sequelize = db.sequelize;
    const adapter = SequelizeAdapter(sequelize, {
      models: { User: sequelize.define('user', { ...models.User, phoneNumber: DataTypes.STRING }, { underscored: true, timestamps: false }) },
    });
    const user = await adapter.createUser?.({ ...sampleUser(1), phoneNumber: '+1 555 0100' } as Parameters<NonNullable<typeof adapter.createUser>>[0]);
    expect(userColumns()).toEqual(['id', 'name', 'email', 'email_verified', 'image', 'phone_number']);
    expect(user).toEqual({ ...sampleUser(1), phoneNumber: '+1 555 0100' });
    const session = { sessionToken: 'token', userId: sampleUser(1).id, expires: new Date('2030-01-01T00:00:00.000Z') };
    await adapter.createSession?.(session);
    expect(await adapter.getSessionAndUser?.('token')).toEqual({ session, user: { ...sampleUser(1), phoneNumber: '+1 555 0100' } });
  });

  it("runs a custom model's hooks, validators and getters through the model's own methods", async () => {
    const sequelize = db.sequelize;
    const User = sequelize.define('user', {
      ...models.User,
      email: { ...models.User.email, validate: { isEmail: true } },
      name: { ...models.User.name, get(this: { getDataValue(key: string): unknown }) { return String(this.getDataValue('name') ?? '').toUpperCase(); } },
    }, {
      underscored: true, timestamps: false,
      hooks: { beforeCreate: (user) => { user.set('image', 'https://example.com/default.png'); } },
    });
    const adapter = SequelizeAdapter(sequelize, { models: { User } });
    const user = await adapter.createUser?.(sampleUser(1));
    expect(user).toMatchObject({ name: 'USER 1', image: 'https://example.com/default.png' });
    expect(await adapter.getUser?.(sampleUser(1).id)).toMatchObject({ name: 'USER 1', image: 'https://example.com/default.png' });
    await expect(adapter.createUser?.({ ...sampleUser(2), email: 'not-an-email' })).rejects.toThrow(/Validation isEmail on email failed/);
    expect(await adapter.updateUser?.({ id: sampleUser(1).id, name: 'ada' })).toMatchObject({ name: 'ADA' });
    expect(await adapter.deleteUser?.(sampleUser(1).id)).toMatchObject({ name: 'ADA' });
    expect(await adapter.getUser?.(sampleUser(1).id)).toBeNull();
  });
});

describe('the exported models maps', () => {
  it('stay as they were after models are defined from them and associated (no table names carried over)', async () => {
    const { sequelize } = db;
    const User = sequelize.define('user', { ...models.User }, { tableName: 'auth_users', underscored: true, timestamps: false });
    const Session = sequelize.define('session', { ...models.Session }, { tableName: 'auth_sessions', underscored: true, timestamps: false });
    Session.belongsTo(User, { foreignKey: 'userId' });
    expect(Session.getAttributes()['userId']?.references).toMatchObject({ model: 'auth_users' });
    expect('references' in models.Session.userId).toBe(false);
    expect({ ...models.Session }.userId).not.toBe({ ...models.Session }.userId);
    // And a default adapter afterwards, on another database, references its own users table.
    const other = await sqliteSequelize();
    await SequelizeAdapter(other.sequelize).getUser!('nobody');
    expect(other.query("SELECT sql FROM sqlite_master WHERE name = 'sessions'")[0]?.['sql']).toMatch(/REFERENCES `users`/);
    await other.close();
  });
});
