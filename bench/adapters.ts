/**
 * Every Auth.js Adapter method, on the same engine (sql.js in Node):
 * - @adapter-lab/sequelize-adapter against the published @auth/sequelize-adapter;
 * - @adapter-lab/mikro-orm-adapter (MikroORM 7) next to our Sequelize adapter;
 * - both against the raw-SQL floor: the same work as hand-written prepared statements on sql.js,
 *   on each adapter's own schema.
 * Prints median µs, SQL statements per call, the ratios, MikroORM.init time, and whether the
 * targets hold: Sequelize ours ≤ 1.0× upstream and never more statements; getSessionAndUser
 * ≤ 5× the raw floor for both adapters.
 *
 *   npm run bench   (runs with --conditions=adapter-lab-source: our packages from their source)
 */
import type { Adapter } from '@auth/core/adapters';
import UpstreamAdapter from '@auth/sequelize-adapter';
import { QueryTypes, Sequelize } from 'sequelize';
import SequelizeAdapter from '@adapter-lab/sequelize-adapter';
import { MikroORM } from '@mikro-orm/core';
import { SqliteDriver } from '@mikro-orm/sql';
import { MikroOrmAdapter, defaultEntities } from '@adapter-lab/mikro-orm-adapter';
import { createSqlite3Shim, createSqlJsDialect, loadSqlJs, watchStatements, type Database } from '../src/engine/sql-js/index.ts';
import { formatTable, medianMicros } from './measure.ts';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 1000);
const WARMUP = Math.ceil(ITERATIONS / 10);
const CALLS = ITERATIONS + WARMUP;
const SEED = 1000; // users, each with an account and a session: the size the published @auth/sequelize-adapter 2.11.3 was first measured at
const SQL = await loadSqlJs();

const uuid = (kind: number, i: number): string => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const seedUser = (i: number) => ({
  id: uuid(1, i),
  name: `Seed ${i}`,
  email: `seed${i}@example.com`,
  emailVerified: new Date(1_700_000_000_000 + i),
  image: null,
});
const newUser = (i: number) => ({ id: uuid(2, i), name: `New ${i}`, email: `new${i}@example.com`, emailVerified: null, image: null });
const account = (userId: string, i: number) => ({
  userId,
  type: 'oauth' as const,
  provider: 'github',
  providerAccountId: `gh-${userId}-${i}`,
  access_token: 'gho_'.padEnd(40, 'x'),
  token_type: 'bearer' as Lowercase<string>,
  scope: 'read:user',
  expires_at: 1_800_000_000,
});
const expires = new Date('2030-01-01T00:00:00.000Z');

interface Subject {
  database: Database;
  adapter: Required<
    Pick<
      Adapter,
      | 'createUser'
      | 'getUser'
      | 'getUserByEmail'
      | 'getUserByAccount'
      | 'updateUser'
      | 'deleteUser'
      | 'linkAccount'
      | 'unlinkAccount'
      | 'createSession'
      | 'getSessionAndUser'
      | 'updateSession'
      | 'deleteSession'
      | 'createVerificationToken'
      | 'useVerificationToken'
    >
  >;
  statements: () => number;
  sequelize: Sequelize;
}

async function subject(make: (sequelize: Sequelize, database: Database) => Adapter | Promise<Adapter>): Promise<Subject> {
  const database = new SQL.Database();
  let statements = 0;
  watchStatements(database, () => statements++);
  const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', dialectModule: createSqlite3Shim(SQL, { database }), logging: false });
  const adapter = (await make(sequelize, database)) as Subject['adapter'];
  await adapter.getUser('warm-up: lets the adapter create its tables');
  for (let i = 0; i < SEED + CALLS; i++) {
    await adapter.createUser(seedUser(i));
    await adapter.linkAccount(account(seedUser(i).id, 0));
    await adapter.createSession({ sessionToken: `seed-session-${i}`, userId: seedUser(i).id, expires });
  }
  return { database, adapter, statements: () => statements, sequelize };
}

/** Each call gets its own index, so destructive methods always find what they remove. */
type Operation = (adapter: Subject['adapter'], i: number) => unknown;
const OPERATIONS: ReadonlyArray<readonly [string, Operation]> = [
  ['createUser', (a, i) => a.createUser(newUser(i))],
  ['getUser', (a, i) => a.getUser(seedUser(i % SEED).id)],
  ['getUserByEmail', (a, i) => a.getUserByEmail(seedUser(i % SEED).email)],
  ['getUserByAccount', (a, i) => a.getUserByAccount({ provider: 'github', providerAccountId: account(seedUser(i % SEED).id, 0).providerAccountId })],
  ['updateUser', (a, i) => a.updateUser({ id: seedUser(i % SEED).id, name: `Renamed ${i}`, emailVerified: new Date(1_750_000_000_000 + i) })],
  ['linkAccount', (a, i) => a.linkAccount(account(newUser(i).id, 1))],
  ['createSession', (a, i) => a.createSession({ sessionToken: `new-session-${i}`, userId: newUser(i).id, expires })],
  ['getSessionAndUser', (a, i) => a.getSessionAndUser(`seed-session-${i % SEED}`)],
  ['updateSession', (a, i) => a.updateSession({ sessionToken: `seed-session-${i % SEED}`, expires: new Date(expires.getTime() + i) })],
  ['deleteSession', (a, i) => a.deleteSession(`new-session-${i}`)],
  ['createVerificationToken', (a, i) => a.createVerificationToken({ identifier: newUser(i).email, token: `token-${i}`, expires })],
  ['useVerificationToken', (a, i) => a.useVerificationToken({ identifier: newUser(i).email, token: `token-${i}` })],
  ['unlinkAccount', (a, i) => a.unlinkAccount({ provider: 'github', providerAccountId: account(newUser(i).id, 1).providerAccountId })],
  ['deleteUser', (a, i) => a.deleteUser(newUser(i).id)],
];

interface Schema {
  tables: { users: string; accounts: string; sessions: string; tokens: string };
  date: (value: Date) => string | number;
}
/** Sequelize stores dates as text; MikroORM 7 on SQLite as epoch milliseconds. */
const SEQUELIZE_SCHEMA: Schema = {
  tables: { users: 'users', accounts: 'accounts', sessions: 'sessions', tokens: 'verification_tokens' },
  date: (value) => value.toISOString().replace('T', ' ').replace('Z', ' +00:00'),
};
const MIKRO_ORM_SCHEMA: Schema = {
  tables: { users: '"user"', accounts: 'account', sessions: 'session', tokens: 'verification_token' },
  date: (value) => value.getTime(),
};

/** The raw-SQL floor: one prepared statement per method on an adapter's schema, no ORM. */
function rawFloor(database: Database, { tables: t, date }: Schema): Record<string, (i: number) => unknown> {
  const prepared = (sql: string) => {
    const statement = database.prepare(sql);
    return (params: Array<string | number | null>) => {
      statement.bind(params);
      const rows: unknown[] = [];
      while (statement.step()) rows.push(statement.getAsObject());
      statement.reset();
      return rows;
    };
  };
  const userColumns = 'id, name, email, email_verified, image';
  const q = {
    insertUser: prepared(`INSERT INTO ${t.users} (id, name, email, email_verified, image) VALUES (?, ?, ?, ?, ?)`),
    userById: prepared(`SELECT ${userColumns} FROM ${t.users} WHERE id = ?`),
    userByEmail: prepared(`SELECT ${userColumns} FROM ${t.users} WHERE email = ?`),
    userByAccount: prepared(
      `SELECT u.id, u.name, u.email, u.email_verified, u.image FROM ${t.accounts} a JOIN ${t.users} u ON u.id = a.user_id WHERE a.provider = ? AND a.provider_account_id = ?`,
    ),
    updateUser: prepared(`UPDATE ${t.users} SET name = ?, email_verified = ? WHERE id = ? RETURNING ${userColumns}`),
    insertAccount: prepared(
      `INSERT INTO ${t.accounts} (id, type, provider, provider_account_id, access_token, token_type, scope, expires_at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertSession: prepared(`INSERT INTO ${t.sessions} (id, expires, session_token, user_id) VALUES (?, ?, ?, ?)`),
    sessionAndUser: prepared(
      `SELECT s.expires, s.session_token, s.user_id, u.id, u.name, u.email, u.email_verified, u.image FROM ${t.sessions} s JOIN ${t.users} u ON u.id = s.user_id WHERE s.session_token = ?`,
    ),
    updateSession: prepared(`UPDATE ${t.sessions} SET expires = ? WHERE session_token = ? RETURNING expires, session_token, user_id`),
    deleteSession: prepared(`DELETE FROM ${t.sessions} WHERE session_token = ? RETURNING expires, session_token, user_id`),
    insertToken: prepared(`INSERT INTO ${t.tokens} (token, identifier, expires) VALUES (?, ?, ?)`),
    useToken: prepared(`DELETE FROM ${t.tokens} WHERE identifier = ? AND token = ? RETURNING token, identifier, expires`),
    deleteAccount: prepared(`DELETE FROM ${t.accounts} WHERE provider = ? AND provider_account_id = ?`),
    deleteUser: prepared(`DELETE FROM ${t.users} WHERE id = ? RETURNING ${userColumns}`),
  };
  return {
    createUser: (i) => q.insertUser([newUser(i).id, newUser(i).name, newUser(i).email, null, null]),
    getUser: (i) => q.userById([seedUser(i % SEED).id]),
    getUserByEmail: (i) => q.userByEmail([seedUser(i % SEED).email]),
    getUserByAccount: (i) => q.userByAccount(['github', account(seedUser(i % SEED).id, 0).providerAccountId]),
    updateUser: (i) => q.updateUser([`Renamed ${i}`, date(new Date(1_750_000_000_000 + i)), seedUser(i % SEED).id]),
    linkAccount: (i) => {
      const a = account(newUser(i).id, 1);
      return q.insertAccount([crypto.randomUUID(), a.type, a.provider, a.providerAccountId, a.access_token, a.token_type, a.scope, a.expires_at, a.userId]);
    },
    createSession: (i) => q.insertSession([crypto.randomUUID(), date(expires), `new-session-${i}`, newUser(i).id]),
    getSessionAndUser: (i) => q.sessionAndUser([`seed-session-${i % SEED}`]),
    updateSession: (i) => q.updateSession([date(new Date(expires.getTime() + i)), `seed-session-${i % SEED}`]),
    deleteSession: (i) => q.deleteSession([`new-session-${i}`]),
    createVerificationToken: (i) => q.insertToken([`token-${i}`, newUser(i).email, date(expires)]),
    useVerificationToken: (i) => q.useToken([newUser(i).email, `token-${i}`]),
    unlinkAccount: (i) => q.deleteAccount(['github', account(newUser(i).id, 1).providerAccountId]),
    deleteUser: (i) => q.deleteUser([newUser(i).id]),
  };
}

const ours = await subject((sequelize) => SequelizeAdapter(sequelize));
const upstream = await subject((sequelize) => UpstreamAdapter(sequelize));
const mikroOrmOptions = (database: Database) => ({ driver: SqliteDriver, dbName: ':memory:', driverOptions: createSqlJsDialect(database) });
const mikro = await subject(async (_sequelize, database) => {
  const admin = await MikroORM.init({ ...mikroOrmOptions(database), entities: Object.values(defaultEntities) });
  await admin.schema.create();
  await admin.close();
  return MikroOrmAdapter(mikroOrmOptions(database));
});
// The floors run on databases with each adapter's schema and the same seed.
const floor = rawFloor((await subject((sequelize) => SequelizeAdapter(sequelize))).database, SEQUELIZE_SCHEMA);
const mikroFloor = rawFloor(
  (
    await subject(async (_sequelize, database) => {
      const admin = await MikroORM.init({ ...mikroOrmOptions(database), entities: Object.values(defaultEntities) });
      await admin.schema.create();
      await admin.close();
      return MikroOrmAdapter(mikroOrmOptions(database));
    })
  ).database,
  MIKRO_ORM_SCHEMA,
);

interface Figure {
  micros: number;
  statements: number;
}
async function run(target: Subject, operation: Operation): Promise<Figure> {
  const before = target.statements();
  const micros = await medianMicros((i) => operation(target.adapter, i), ITERATIONS, WARMUP);
  return { micros, statements: (target.statements() - before) / CALLS };
}

const rows: string[][] = [];
const mikroRows: string[][] = [];
const misses: string[] = [];
let index = 0;
for (const [name, operation] of OPERATIONS) {
  // Alternate who goes first, so that machine drift favours neither.
  let a: Figure;
  let b: Figure;
  if (index++ % 2 === 0) {
    a = await run(ours, operation);
    b = await run(upstream, operation);
  } else {
    b = await run(upstream, operation);
    a = await run(ours, operation);
  }
  const raw = await medianMicros(floor[name]!, ITERATIONS, WARMUP);
  const vsUpstream = a.micros / b.micros;
  const vsRaw = a.micros / raw;
  if (vsUpstream > 1) misses.push(`${name}: ${vsUpstream.toFixed(2)}× upstream`);
  if (a.statements > b.statements) misses.push(`${name}: ${a.statements} statements vs upstream's ${b.statements}`);
  if (name === 'getSessionAndUser' && vsRaw > 5) misses.push(`getSessionAndUser: ${vsRaw.toFixed(1)}× the raw floor (target 5×)`);
  rows.push([
    name,
    a.micros.toFixed(0),
    b.micros.toFixed(0),
    raw.toFixed(0),
    `${vsUpstream.toFixed(2)}×`,
    `${vsRaw.toFixed(1)}×`,
    a.statements.toFixed(1),
    b.statements.toFixed(1),
  ]);
  const m = await run(mikro, operation);
  const mikroRaw = await medianMicros(mikroFloor[name]!, ITERATIONS, WARMUP);
  if (name === 'getSessionAndUser' && m.micros / mikroRaw > 5)
    misses.push(`MikroORM getSessionAndUser: ${(m.micros / mikroRaw).toFixed(1)}× the raw floor (target 5×)`);
  mikroRows.push([
    name,
    m.micros.toFixed(0),
    a.micros.toFixed(0),
    mikroRaw.toFixed(0),
    `${(m.micros / mikroRaw).toFixed(1)}×`,
    `${(m.micros / a.micros).toFixed(2)}×`,
    m.statements.toFixed(1),
  ]);
}

// MikroORM start-up: MikroORM.init with the five entities (discovery), and a fresh adapter's first call.
const initMicros = await medianMicros(
  async () => {
    const orm = await MikroORM.init({ ...mikroOrmOptions(mikro.database), entities: Object.values(defaultEntities) });
    await orm.close();
  },
  20,
  3,
);
const firstCallMicros = await medianMicros(() => MikroOrmAdapter(mikroOrmOptions(mikro.database)).getUser?.('nobody'), 20, 3);

// What Sequelize itself costs for one trivial query on this engine: no adapter can go below it.
const trivial = await medianMicros(() => ours.sequelize.query('SELECT 1', { type: QueryTypes.SELECT, raw: true }), ITERATIONS, WARMUP);
const rawTrivial = await medianMicros(() => ours.database.exec('SELECT 1'), ITERATIONS, WARMUP);

console.log(
  `\n@adapter-lab/sequelize-adapter vs @auth/sequelize-adapter 2.11.3 on Sequelize 6 over sql.js (Node ${process.version}): median µs of ${ITERATIONS} calls after ${WARMUP} warm-up, ${SEED} seeded users with an account and a session each.\n`,
);
console.log(formatTable(['method', 'ours µs', 'upstream µs', 'raw SQL µs', 'ours / upstream', 'ours / raw', 'ours stmts', 'upstream stmts'], rows));
console.log(`\n@adapter-lab/mikro-orm-adapter on MikroORM 7.2 over sql.js, same calls and seed (raw floor on its own schema):\n`);
console.log(formatTable(['method', 'MikroORM µs', 'Sequelize µs (ours)', 'raw SQL µs', 'MikroORM / raw', 'MikroORM / Sequelize', 'statements'], mikroRows));
console.log(
  `\nMikroORM.init with the five entities: ${(initMicros / 1000).toFixed(1)} ms; a new adapter's first call (init + connect + one query): ${(firstCallMicros / 1000).toFixed(1)} ms.`,
);
console.log(
  `\nSequelize's own floor, one trivial query (SELECT 1) through sequelize.query(): ${trivial.toFixed(0)} µs (raw sql.js: ${rawTrivial.toFixed(0)} µs).`,
);
console.log(misses.length === 0 ? 'Targets: all met.' : `Targets missed:\n- ${misses.join('\n- ')}`);
