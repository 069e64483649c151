import { BigIntType, EntitySchema, ForeignKeyConstraintViolationException, MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { SqliteDriver } from '@mikro-orm/sql';
import { MikroOrmAdapter, defaultEntities } from '@adapter-lab/mikro-orm-adapter';
import type { SqlJsStatic } from 'sql.js';
import { createSqlJsDialect } from '../../engine/kysely-dialect.ts';
import { assert, assertEqual, assertRejects, CheckRunner, countRows, SAMPLE, signInFlow, type EngineCheckReport } from './report.ts';

interface User {
  id: number;
  email: string;
  name?: string | null;
  nickname?: string | null | undefined;
  born?: Date | null;
  active: boolean;
  karma?: bigint | null;
  avatar?: Uint8Array | null;
}

interface Post {
  id: number;
  title: string;
  user: User;
}

// Explicit types and table names: no reflect-metadata, and minification cannot rename tables.
const UserSchema = new EntitySchema<User>({
  name: 'User',
  tableName: 'users',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    email: { type: 'string', unique: true },
    name: { type: 'string', nullable: true },
    nickname: { type: 'string', nullable: true },
    born: { type: 'datetime', nullable: true },
    active: { type: 'boolean' },
    karma: { type: new BigIntType('bigint'), nullable: true },
    avatar: { type: 'blob', nullable: true },
  },
});

const PostSchema = new EntitySchema<Post>({
  name: 'Post',
  tableName: 'posts',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    title: { type: 'string' },
    user: { kind: 'm:1', entity: () => UserSchema, deleteRule: 'cascade' },
  },
});

/** The engine check on MikroORM 7: `SqliteDriver` from @mikro-orm/sql over the kysely dialect. */
export async function runMikroOrmCheck(SQL: SqlJsStatic): Promise<EngineCheckReport> {
  const database = new SQL.Database();
  const run = new CheckRunner(database);
  const orm = await MikroORM.init({
    driver: SqliteDriver,
    dbName: ':memory:',
    driverOptions: createSqlJsDialect(database),
    entities: [UserSchema, PostSchema],
  });
  let userId = 0;

  await run.check('create tables with a unique column and a foreign key ON DELETE CASCADE', async () => {
    await orm.schema.create();
    const ddl = database.exec("SELECT sql FROM sqlite_schema WHERE name = 'posts'")[0]?.values[0]?.[0];
    assert(typeof ddl === 'string' && /on delete cascade/i.test(ddl), `posts DDL lacks ON DELETE CASCADE: ${String(ddl)}`);
  });
  await run.check('insert a row (Date, boolean, bigint, blob, undefined)', async () => {
    const em = orm.em.fork();
    const user = em.create(UserSchema, {
      email: SAMPLE.email,
      name: SAMPLE.name,
      nickname: undefined,
      born: SAMPLE.born,
      active: SAMPLE.active,
      karma: SAMPLE.karma,
      avatar: Buffer.from(SAMPLE.avatar),
    });
    await em.flush();
    userId = user.id;
    assert(userId > 0, `no id assigned: ${userId}`);
    return `user ${userId}`;
  });
  await run.check('read it back by its unique key with every value intact', async () => {
    const user = await orm.em.fork().findOne(UserSchema, { email: SAMPLE.email });
    assert(user, 'not found');
    assert(user.born instanceof Date, 'born is not a Date');
    assertEqual(user.born, SAMPLE.born, 'born');
    assertEqual(user.active, true, 'active');
    assertEqual(user.karma, SAMPLE.karma, 'karma');
    assertEqual([...(user.avatar ?? [])], [...SAMPLE.avatar], 'avatar');
    assertEqual(user.nickname, null, 'nickname (undefined)');
  });
  await run.check('the raw sql.js Database sees the ORM writes', async () => {
    const row = database.exec('SELECT email, active, karma, hex(avatar) FROM users')[0]?.values[0];
    assertEqual(row, [SAMPLE.email, 1, Number(SAMPLE.karma), '000102FAFF'], 'raw row');
  });
  await run.check('update a row', async () => {
    const changed = await orm.em.fork().nativeUpdate(UserSchema, { id: userId }, { name: 'Ada King' });
    assertEqual(changed, 1, 'rows changed');
    assertEqual((await orm.em.fork().findOne(UserSchema, userId))?.name, 'Ada King', 'name after update');
  });
  await run.check('unique violation raises the ORM typed error naming table and column', () =>
    assertRejects(
      async () => {
        const em = orm.em.fork();
        em.create(UserSchema, { email: SAMPLE.email, active: false });
        await em.flush();
      },
      UniqueConstraintViolationException,
      ['users.email'],
    ),
  );
  await run.check('foreign-key violation raises the ORM typed error naming table and column', () =>
    assertRejects(
      async () => {
        const em = orm.em.fork();
        em.create(PostSchema, { title: 'Orphan', user: 999 });
        await em.flush();
      },
      ForeignKeyConstraintViolationException,
      ['posts.user_id', 'users.id'],
    ),
  );
  await run.check('a failed transaction rolls back', async () => {
    const before = countRows(database, 'users');
    await assertRejects(
      () =>
        orm.em.fork().transactional(async (em) => {
          em.create(UserSchema, { email: 'rollback@example.com', active: true });
          await em.flush();
          throw new Error('abort on purpose');
        }),
      Error,
      ['abort on purpose'],
    );
    assertEqual(countRows(database, 'users'), before, 'users after rollback');
  });
  await run.check('deleting the parent cascades to its children', async () => {
    const em = orm.em.fork();
    em.create(PostSchema, { title: 'Notes on the Analytical Engine', user: userId });
    em.create(PostSchema, { title: 'Sketch', user: userId });
    await em.flush();
    assertEqual(countRows(database, 'posts'), 2, 'posts before delete');
    await orm.em.fork().nativeDelete(UserSchema, { id: userId });
    assertEqual(countRows(database, 'posts'), 0, 'posts after deleting their user');
  });
  const em = orm.em.fork();
  const survivor = em.create(UserSchema, { email: 'grace@example.com', name: 'Grace Hopper', active: true, born: new Date('1906-12-09T00:00:00Z') });
  em.create(PostSchema, { title: 'COBOL', user: survivor });
  await em.flush();
  await run.check('closing the ORM leaves the Database open', async () => {
    await orm.close();
    assertEqual(countRows(database, 'users'), 1, 'users readable after close');
  });
  await run.check('our Auth.js adapter signs a user in (OAuth flow, then the session lookup)', async () => {
    const authDatabase = new SQL.Database();
    const options = { driver: SqliteDriver, dbName: ':memory:', driverOptions: createSqlJsDialect(authDatabase) };
    // The adapter leaves tables to migrations, as upstream: create them as an app would.
    const schema = await MikroORM.init({ ...options, entities: Object.values(defaultEntities) });
    await schema.schema.create();
    await schema.close();
    try {
      return await signInFlow(MikroOrmAdapter(options));
    } finally {
      authDatabase.close();
    }
  });
  const report = run.report('mikro-orm');
  database.close();
  return report;
}
