import SequelizeAdapter from '@adapter-lab/sequelize-adapter';
import { DataTypes, ForeignKeyConstraintError, Sequelize, UniqueConstraintError, type Model, type ModelStatic } from 'sequelize';
import type { SqlJsStatic } from 'sql.js';
import { createSqlite3Shim } from '../../engine/sqlite3-shim.ts';
import { assert, assertEqual, assertRejects, CheckRunner, countRows, SAMPLE, signInFlow, type EngineCheckReport } from './report.ts';

interface UserRow {
  id: number;
  email: string;
  name: string | null;
  born: Date | null;
  active: boolean;
  karma: number | bigint | null;
  avatar: Uint8Array | null;
  nickname?: string | null | undefined;
}

/** The engine check on Sequelize 6: its sqlite dialect over the sqlite3 shim. */
export async function runSequelizeCheck(SQL: SqlJsStatic): Promise<EngineCheckReport> {
  const database = new SQL.Database();
  const run = new CheckRunner(database);
  const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', dialectModule: createSqlite3Shim(SQL, { database }), logging: false });
  const common = { underscored: true, timestamps: false } as const;
  const User = sequelize.define<Model<UserRow, Partial<UserRow>>>(
    'user',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      email: { type: DataTypes.STRING, allowNull: false, unique: true },
      name: DataTypes.STRING,
      nickname: DataTypes.STRING,
      born: DataTypes.DATE(3),
      active: { type: DataTypes.BOOLEAN, allowNull: false },
      karma: DataTypes.BIGINT,
      avatar: DataTypes.BLOB,
    },
    common,
  );
  const Post: ModelStatic<Model> = sequelize.define('post', { title: { type: DataTypes.STRING, allowNull: false } }, common);
  User.hasMany(Post, { foreignKey: { name: 'userId', allowNull: false }, onDelete: 'CASCADE' });
  let userId = 0;

  await run.check('create tables with a unique column and a foreign key ON DELETE CASCADE', async () => {
    await sequelize.sync();
    const ddl = database.exec("SELECT sql FROM sqlite_schema WHERE name = 'posts'")[0]?.values[0]?.[0];
    assert(typeof ddl === 'string' && /ON DELETE CASCADE/i.test(ddl), `posts DDL lacks ON DELETE CASCADE: ${String(ddl)}`);
  });
  await run.check('insert a row (Date, boolean, bigint, blob, undefined)', async () => {
    const user = await User.create({
      email: SAMPLE.email,
      name: SAMPLE.name,
      nickname: undefined,
      born: SAMPLE.born,
      active: SAMPLE.active,
      karma: SAMPLE.karma,
      avatar: Buffer.from(SAMPLE.avatar),
    });
    userId = Number(user.get('id'));
    assert(userId > 0, `no id assigned: ${userId}`);
    return `user ${userId}`;
  });
  await run.check('read it back by its unique key with every value intact', async () => {
    const user = (await User.findOne({ where: { email: SAMPLE.email } }))?.get({ plain: true });
    assert(user, 'not found');
    assertEqual(user.born, SAMPLE.born, 'born');
    assert(user.born instanceof Date, 'born is not a Date');
    assertEqual(user.active, true, 'active');
    assertEqual(BigInt(user.karma ?? 0), SAMPLE.karma, 'karma');
    assertEqual([...(user.avatar ?? [])], [...SAMPLE.avatar], 'avatar');
    assertEqual(user.nickname, null, 'nickname (undefined)');
  });
  await run.check('the raw sql.js Database sees the ORM writes', async () => {
    const row = database.exec('SELECT email, active, karma, hex(avatar) FROM users')[0]?.values[0];
    assertEqual(row, [SAMPLE.email, 1, Number(SAMPLE.karma), '000102FAFF'], 'raw row');
  });
  await run.check('update a row', async () => {
    const [changed] = await User.update({ name: 'Ada King' }, { where: { id: userId } });
    assertEqual(changed, 1, 'rows changed');
    assertEqual((await User.findByPk(userId))?.get('name'), 'Ada King', 'name after update');
  });
  await run.check('unique violation raises the ORM typed error naming table and column', () =>
    assertRejects(() => User.create({ email: SAMPLE.email, active: false }), UniqueConstraintError, ['users.email']),
  );
  await run.check('foreign-key violation raises the ORM typed error naming table and column', () =>
    assertRejects(() => Post.create({ title: 'Orphan', userId: 999 }), ForeignKeyConstraintError, ['posts.user_id', 'users.id']),
  );
  await run.check('a failed transaction rolls back', async () => {
    const before = countRows(database, 'users');
    await assertRejects(
      () =>
        sequelize.transaction(async (transaction) => {
          await User.create({ email: 'rollback@example.com', active: true }, { transaction });
          throw new Error('abort on purpose');
        }),
      Error,
      ['abort on purpose'],
    );
    assertEqual(countRows(database, 'users'), before, 'users after rollback');
  });
  await run.check('deleting the parent cascades to its children', async () => {
    await Post.bulkCreate([
      { title: 'Notes on the Analytical Engine', userId },
      { title: 'Sketch', userId },
    ]);
    assertEqual(countRows(database, 'posts'), 2, 'posts before delete');
    await User.destroy({ where: { id: userId } });
    assertEqual(countRows(database, 'posts'), 0, 'posts after deleting their user');
  });
  // Leave a row in each table so the report shows data.
  const survivor = await User.create({ email: 'grace@example.com', name: 'Grace Hopper', active: true, born: new Date('1906-12-09T00:00:00Z') });
  await Post.create({ title: 'COBOL', userId: survivor.get('id') });
  await run.check('closing the ORM leaves the Database open', async () => {
    await sequelize.close();
    assertEqual(countRows(database, 'users'), 1, 'users readable after close');
  });
  await run.check('our Auth.js adapter signs a user in (OAuth flow, then the session lookup)', async () => {
    // Its own database: the adapter's `users` table is not the check's.
    const authDatabase = new SQL.Database();
    const auth = new Sequelize({ dialect: 'sqlite', storage: ':memory:', dialectModule: createSqlite3Shim(SQL, { database: authDatabase }), logging: false });
    try {
      return await signInFlow(SequelizeAdapter(auth));
    } finally {
      await auth.close();
      authDatabase.close();
    }
  });
  const report = run.report('sequelize');
  database.close();
  return report;
}
