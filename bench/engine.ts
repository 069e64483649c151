/**
 * Engine speed: each ORM over sql.js in Node, against the same statements run directly on
 * sql.js (the raw floor: one prepared statement, reused) and through the engine's bridge code
 * without an ORM. Prints medians in µs, the ORM/raw ratio and statements per call.
 *
 *   npm run bench
 */
import { EntitySchema, MikroORM } from '@mikro-orm/core';
import { SqliteDriver } from '@mikro-orm/sql';
import { DataTypes, Sequelize, type Model } from 'sequelize';
import { createSqlite3Shim, createSqlJsDialect, loadSqlJs, watchStatements, type Database } from '../src/engine/sql-js/index.ts';
import { runStatement } from '../src/engine/sql-js/run-statement.ts';
import { formatTable, medianMicros } from './measure.ts';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2000);
const SEED_ROWS = 1000;
const DDL = 'CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, name TEXT, created_at INTEGER)';
const SQL_TEXT = {
  insert: 'INSERT INTO users (email, name, created_at) VALUES (?, ?, ?)',
  findOne: 'SELECT id, email, name, created_at FROM users WHERE email = ? LIMIT 1',
  update: 'UPDATE users SET name = ? WHERE id = ?',
};
type Operation = keyof typeof SQL_TEXT;
type Suite = Record<Operation, (i: number) => unknown>;

const SQL = await loadSqlJs();
const email = (i: number): string => `user${i}@example.com`;
const seeded = (i: number): number => (i % SEED_ROWS) + 1;

function counting(database: Database): { count: () => number } {
  let statements = 0;
  watchStatements(database, () => statements++);
  return { count: () => statements };
}

function rawSuite(): Suite {
  const database = new SQL.Database();
  database.run(DDL);
  const insert = database.prepare(SQL_TEXT.insert);
  const find = database.prepare(SQL_TEXT.findOne);
  const update = database.prepare(SQL_TEXT.update);
  for (let i = 0; i < SEED_ROWS; i++) insert.run([email(-i - 1), 'seed', Date.now()]);
  let next = 0; // inserts never repeat an email, however many rounds run
  return {
    insert: () => insert.run([email(next++), 'Ada', Date.now()]),
    findOne: (i) => {
      find.bind([email(-seeded(i))]);
      const row = find.step() ? find.getAsObject() : undefined;
      find.reset();
      return row;
    },
    update: (i) => update.run([`name ${i}`, seeded(i)]),
  };
}

function bridgeSuite(): Suite {
  const database = new SQL.Database();
  database.run(DDL);
  for (let i = 0; i < SEED_ROWS; i++) runStatement(database, SQL_TEXT.insert, [email(-i - 1), 'seed', Date.now()], 'sqlite3-shim');
  let next = 0; // inserts never repeat an email, however many rounds run
  return {
    insert: () => runStatement(database, SQL_TEXT.insert, [email(next++), 'Ada', new Date()], 'sqlite3-shim'),
    findOne: (i) => runStatement(database, SQL_TEXT.findOne, [email(-seeded(i))], 'sqlite3-shim').rows[0],
    update: (i) => runStatement(database, SQL_TEXT.update, [`name ${i}`, seeded(i)], 'sqlite3-shim'),
  };
}

async function sequelizeSuite(database: Database): Promise<Suite> {
  const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', dialectModule: createSqlite3Shim(SQL, { database }), logging: false });
  const User = sequelize.define<Model>(
    'user',
    {
      email: { type: DataTypes.STRING, allowNull: false, unique: true },
      name: DataTypes.STRING,
      createdAt: DataTypes.DATE,
    },
    { underscored: true, timestamps: false },
  );
  await sequelize.sync();
  await User.bulkCreate(Array.from({ length: SEED_ROWS }, (_, i) => ({ email: email(-i - 1), name: 'seed', createdAt: new Date() })));
  let next = 0; // inserts never repeat an email, however many rounds run
  return {
    insert: () => User.create({ email: email(next++), name: 'Ada', createdAt: new Date() }),
    findOne: (i) => User.findOne({ where: { email: email(-seeded(i)) } }),
    update: (i) => User.update({ name: `name ${i}` }, { where: { id: seeded(i) } }),
  };
}

interface BenchUser {
  id: number;
  email: string;
  name?: string;
  createdAt?: Date;
}

async function mikroOrmSuite(database: Database): Promise<Suite> {
  const User = new EntitySchema<BenchUser>({
    name: 'User',
    tableName: 'users',
    properties: {
      id: { type: 'integer', primary: true },
      email: { type: 'string', unique: true },
      name: { type: 'string', nullable: true },
      createdAt: { type: 'datetime', nullable: true },
    },
  });
  const orm = await MikroORM.init({ driver: SqliteDriver, dbName: ':memory:', driverOptions: createSqlJsDialect(database), entities: [User] });
  await orm.schema.create();
  const em = orm.em.fork();
  for (let i = 0; i < SEED_ROWS; i++) em.create(User, { email: email(-i - 1), name: 'seed', createdAt: new Date() });
  await em.flush();
  let next = 0; // inserts never repeat an email, however many rounds run
  return {
    insert: async () => {
      const fork = orm.em.fork();
      fork.create(User, { email: email(next++), name: 'Ada', createdAt: new Date() });
      await fork.flush();
    },
    findOne: (i) => orm.em.fork().findOne(User, { email: email(-seeded(i)) }),
    update: (i) => orm.em.fork().nativeUpdate(User, { id: seeded(i) }, { name: `name ${i}` }),
  };
}

async function measure(suite: Suite, counter?: { count: () => number }): Promise<Measured> {
  const result = {} as Measured;
  for (const operation of Object.keys(SQL_TEXT) as Operation[]) {
    const before = counter?.count() ?? 0;
    const warmup = Math.ceil(ITERATIONS / 10);
    const micros = await medianMicros(suite[operation], ITERATIONS, warmup);
    result[operation] = { micros, statements: counter ? (counter.count() - before) / (ITERATIONS + warmup) : 1 };
  }
  return result;
}

const ROUNDS = 3;
const suites = {
  raw: { suite: rawSuite() },
  bridge: { suite: bridgeSuite() },
  sequelize: await (async () => {
    const database = new SQL.Database();
    const counter = counting(database);
    return { suite: await sequelizeSuite(database), counter };
  })(),
  mikroOrm: await (async () => {
    const database = new SQL.Database();
    const counter = counting(database);
    return { suite: await mikroOrmSuite(database), counter };
  })(),
};
type SuiteName = keyof typeof suites;
type Measured = Record<Operation, { micros: number; statements: number }>;
// Rounds interleave the suites so that JIT warm-up and table growth favour none of them;
// each figure is the median over rounds of the per-round medians.
const rounds: Array<Record<SuiteName, Measured>> = [];
for (let round = 0; round < ROUNDS; round++) {
  const result = {} as Record<SuiteName, Measured>;
  for (const [name, { suite, ...rest }] of Object.entries(suites) as Array<[SuiteName, { suite: Suite; counter?: { count: () => number } }]>) {
    result[name] = await measure(suite, 'counter' in rest ? rest.counter : undefined);
  }
  rounds.push(result);
}
function settle(name: SuiteName): Measured {
  const settled = {} as Measured;
  for (const operation of Object.keys(SQL_TEXT) as Operation[]) {
    const micros = rounds.map((round) => round[name][operation].micros).sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
    settled[operation] = { micros, statements: rounds[0]![name][operation].statements };
  }
  return settled;
}
const [raw, bridge, sequelize, mikroOrm] = (['raw', 'bridge', 'sequelize', 'mikroOrm'] as const).map(settle) as [Measured, Measured, Measured, Measured];

const fmt = (micros: number): string => micros.toFixed(1);
const ratio = (micros: number, floor: number): string => `${(micros / floor).toFixed(1)}×`;
console.log(
  `Engine over sql.js in Node ${process.version}: median µs per call (${ROUNDS} interleaved rounds of ${ITERATIONS} calls after ${Math.ceil(ITERATIONS / 10)} warm-up), ${SEED_ROWS} seeded rows.\n`,
);
console.log(
  formatTable(
    ['operation', 'raw sql.js', 'bridge only', 'Sequelize', 'Sequelize / raw', 'statements', 'MikroORM', 'MikroORM / raw', 'statements'],
    (Object.keys(SQL_TEXT) as Operation[]).map((operation) => [
      operation,
      fmt(raw[operation].micros),
      `${fmt(bridge[operation].micros)} (${ratio(bridge[operation].micros, raw[operation].micros)})`,
      fmt(sequelize[operation].micros),
      ratio(sequelize[operation].micros, raw[operation].micros),
      sequelize[operation].statements.toFixed(1),
      fmt(mikroOrm[operation].micros),
      ratio(mikroOrm[operation].micros, raw[operation].micros),
      mikroOrm[operation].statements.toFixed(1),
    ]),
  ),
);
console.log(
  '\n"statements" counts what the bridge ran per call: Sequelize\'s SQLite dialect reads PRAGMA table_info before each SELECT; MikroORM wraps a flush in begin/commit.',
);
