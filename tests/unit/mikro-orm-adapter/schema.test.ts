// The schema of the MikroORM adapter's default entities, as MikroORM 7 generates it for SQLite
// (sql.js), PostgreSQL (and PGlite, same snapshot) and MariaDB: the DDL as file snapshots (__snapshots__/*.sql, review them by eye),
// the facts that matter asserted on the created tables (so that updating a snapshot cannot
// silently drop one), and an initial migration from @mikro-orm/migrations that builds the same
// schema on an empty database, which the adapter then works on.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { EntitySchema, MikroORM } from '@mikro-orm/core';
import { MariaDbDriver } from '@mikro-orm/mariadb';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sql';
import { afterAll, describe, expect, it } from 'vitest';
import { MikroOrmAdapter, defaultEntities, type MikroOrmOptions } from '@adapter-lab/mikro-orm-adapter';
import { createSqlJsDialect, freshSqlJsDatabase } from '../adapter-support/sql-js.ts';
import { freshMariaDbDatabase } from '../../support/mariadb.ts';
import { freshPostgresDatabase } from '../../support/postgres.ts';
import { addPgliteBesidePostgres, openMikroOrmOnPglite } from '../adapter-support/pglite.ts';

/** An entity of the app's own, unrelated to Auth.js. */
const Post = new EntitySchema<{ id: number; title: string }>({
  name: 'Post',
  tableName: 'post',
  properties: { id: { type: 'integer', primary: true }, title: { type: 'string' } },
});

interface TableShape {
  /** Column name → declared type (lower case; PostgreSQL and MariaDB with its length). */
  columns: Record<string, string>;
  primaryKey: string[];
  /** Column lists of the unique indexes and constraints other than the primary key, sorted. */
  uniques: string[][];
  /** Column lists of the other indexes, sorted. */
  indexes: string[][];
  /** `column -> table(column) on delete rule`, sorted. */
  foreignKeys: string[];
}
type SchemaShape = Record<string, TableShape>;

interface Target {
  name: string;
  /** The snapshot file of the DDL. */
  snapshot: string;
  open(): Promise<{ options: MikroOrmOptions; close(): Promise<void> }>;
  /** Every table of the database, read from its catalog. */
  shape(orm: MikroORM): Promise<SchemaShape>;
}

type Rows = Array<Record<string, unknown>>;
const run = (orm: MikroORM, sql: string, params: unknown[] = []): Promise<Rows> => orm.em.getConnection().execute<Rows>(sql, params);
const sorted = (lists: string[][]): string[][] => lists.sort((a, b) => a.join().localeCompare(b.join()));

const targets: Target[] = [
  {
    name: 'sql.js',
    snapshot: './__snapshots__/schema.sqlite.sql',
    async open() {
      const { database } = await freshSqlJsDatabase();
      return { options: { driver: SqliteDriver, dbName: ':memory:', driverOptions: createSqlJsDialect(database) }, close: async () => database.close() };
    },
    async shape(orm) {
      const shape: SchemaShape = {};
      const tables = await run(orm, "select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' order by name");
      for (const { name } of tables) {
        const table = String(name);
        const columns = await run(orm, 'select name, type, pk from pragma_table_info(?) order by cid', [table]);
        const uniques: string[][] = [];
        const indexes: string[][] = [];
        for (const index of await run(orm, 'select name, "unique", origin from pragma_index_list(?)', [table])) {
          if (index['origin'] === 'pk') continue;
          const names = (await run(orm, 'select name from pragma_index_info(?) order by seqno', [index['name']])).map((row) => String(row['name']));
          (index['unique'] === 1 ? uniques : indexes).push(names);
        }
        const foreignKeys = await run(orm, 'select "from", "table", "to", on_delete from pragma_foreign_key_list(?)', [table]);
        shape[table] = {
          columns: Object.fromEntries(columns.map((column) => [String(column['name']), String(column['type']).toLowerCase()])),
          primaryKey: columns
            .filter((column) => Number(column['pk']) > 0)
            .sort((a, b) => Number(a['pk']) - Number(b['pk']))
            .map((column) => String(column['name'])),
          uniques: sorted(uniques),
          indexes: sorted(indexes),
          foreignKeys: foreignKeys
            .map((fk) => `${String(fk['from'])} -> ${String(fk['table'])}(${String(fk['to'])}) on delete ${String(fk['on_delete']).toLowerCase()}`)
            .sort(),
        };
      }
      return shape;
    },
  },
  {
    name: 'PostgreSQL',
    snapshot: './__snapshots__/schema.postgresql.sql',
    async open() {
      const database = await freshPostgresDatabase();
      return { options: { driver: PostgreSqlDriver, clientUrl: database.connectionString }, close: () => database.drop() };
    },
    async shape(orm) {
      const shape: SchemaShape = {};
      const tables = await run(
        orm,
        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
      );
      for (const { table_name: name } of tables) {
        const table = String(name);
        const columns = await run(
          orm,
          "select column_name, data_type, character_maximum_length from information_schema.columns where table_schema = 'public' and table_name = ? order by ordinal_position",
          [table],
        );
        const indexRows = await run(
          orm,
          `
          select ix.indisunique as is_unique, ix.indisprimary as is_primary,
                 array(select a.attname::text from unnest(ix.indkey) with ordinality as k(attnum, n)
                       join pg_attribute a on a.attrelid = ix.indrelid and a.attnum = k.attnum order by k.n) as columns
          from pg_index ix join pg_class t on t.oid = ix.indrelid join pg_namespace ns on ns.oid = t.relnamespace
          where ns.nspname = 'public' and t.relname = ?`,
          [table],
        );
        const foreignKeys = await run(
          orm,
          `
          select pg_get_constraintdef(c.oid) as definition from pg_constraint c join pg_class t on t.oid = c.conrelid
          join pg_namespace ns on ns.oid = t.relnamespace where ns.nspname = 'public' and t.relname = ? and c.contype = 'f'`,
          [table],
        );
        const primary = indexRows.find((index) => index['is_primary'] === true);
        shape[table] = {
          columns: Object.fromEntries(
            columns.map((column) => [
              String(column['column_name']),
              `${String(column['data_type'])}${column['character_maximum_length'] === null ? '' : `(${String(column['character_maximum_length'])})`}`,
            ]),
          ),
          primaryKey: primary ? (primary['columns'] as string[]) : [],
          uniques: sorted(
            indexRows.filter((index) => index['is_unique'] === true && index['is_primary'] !== true).map((index) => index['columns'] as string[]),
          ),
          indexes: sorted(indexRows.filter((index) => index['is_unique'] !== true).map((index) => index['columns'] as string[])),
          foreignKeys: foreignKeys
            .map((fk) => {
              const match = /^FOREIGN KEY \((.+)\) REFERENCES "?([^"(]+)"?\((.+)\)(?: ON DELETE ([A-Z ]+))?/.exec(String(fk['definition']));
              if (!match) throw new Error(`Unexpected foreign key: ${String(fk['definition'])}`);
              return `${match[1]} -> ${match[2]}(${match[3]}) on delete ${(match[4] ?? 'no action').toLowerCase()}`;
            })
            .sort(),
        };
      }
      return shape;
    },
  },
  {
    name: 'MariaDB',
    snapshot: './__snapshots__/schema.mariadb.sql',
    async open() {
      const database = await freshMariaDbDatabase();
      return {
        options: { driver: MariaDbDriver, host: database.host, port: database.port, user: database.user, dbName: database.name },
        close: () => database.drop(),
      };
    },
    async shape(orm) {
      const shape: SchemaShape = {};
      const tables = await run(
        orm,
        "select table_name as name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE' order by table_name",
      );
      for (const { name } of tables) {
        const table = String(name);
        const columns = await run(
          orm,
          'select column_name as name, column_type as type from information_schema.columns where table_schema = database() and table_name = ? order by ordinal_position',
          [table],
        );
        const indexRows = await run(
          orm,
          'select index_name as name, non_unique, column_name as `column` from information_schema.statistics where table_schema = database() and table_name = ? order by index_name, seq_in_index',
          [table],
        );
        const indexes = new Map<string, { unique: boolean; columns: string[] }>();
        for (const row of indexRows) {
          const index = indexes.get(String(row['name'])) ?? { unique: Number(row['non_unique']) === 0, columns: [] };
          index.columns.push(String(row['column']));
          indexes.set(String(row['name']), index);
        }
        const foreignKeys = await run(
          orm,
          `
          select k.column_name as \`from\`, k.referenced_table_name as \`table\`, k.referenced_column_name as \`to\`, r.delete_rule as on_delete
          from information_schema.key_column_usage k join information_schema.referential_constraints r
            on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name and r.table_name = k.table_name
          where k.table_schema = database() and k.table_name = ?`,
          [table],
        );
        const others = [...indexes].filter(([indexName]) => indexName !== 'PRIMARY').map(([, index]) => index);
        shape[table] = {
          columns: Object.fromEntries(columns.map((column) => [String(column['name']), String(column['type']).toLowerCase()])),
          primaryKey: indexes.get('PRIMARY')?.columns ?? [],
          uniques: sorted(others.filter((index) => index.unique).map((index) => index.columns)),
          indexes: sorted(others.filter((index) => !index.unique).map((index) => index.columns)),
          foreignKeys: foreignKeys
            .map((fk) => `${String(fk['from'])} -> ${String(fk['table'])}(${String(fk['to'])}) on delete ${String(fk['on_delete']).toLowerCase()}`)
            .sort(),
        };
      }
      return shape;
    },
  },
];
// Every PostgreSQL case on PGlite too, in Node.
addPgliteBesidePostgres(targets, openMikroOrmOnPglite);

/** The tables of the default entities, created by MikroORM's schema generator on a fresh database. */
async function withDefaultSchema<T>(target: Target, work: (orm: MikroORM) => Promise<T>): Promise<T> {
  const db = await target.open();
  const orm = await MikroORM.init({ ...db.options, entities: Object.values(defaultEntities) });
  try {
    return await work(orm);
  } finally {
    await orm.close();
    await db.close();
  }
}

const TABLES = ['account', 'authenticator', 'session', 'user', 'verification_token'];
const COLUMNS: Record<string, string[]> = {
  user: ['id', 'name', 'email', 'email_verified', 'image'],
  account: [
    'id',
    'user_id',
    'type',
    'provider',
    'provider_account_id',
    'refresh_token',
    'access_token',
    'expires_at',
    'token_type',
    'scope',
    'id_token',
    'session_state',
  ],
  session: ['id', 'user_id', 'expires', 'session_token'],
  verification_token: ['token', 'expires', 'identifier'],
  authenticator: [
    'credential_id',
    'user_id',
    'provider_account_id',
    'credential_public_key',
    'counter',
    'credential_device_type',
    'credential_backed_up',
    'transports',
  ],
};

describe.each(targets)('the default entities’ schema on $name', (target) => {
  it('is the DDL of the snapshot', async () => {
    await withDefaultSchema(target, async (orm) => {
      await expect(await orm.schema.getCreateSchemaSQL()).toMatchFileSnapshot(target.snapshot);
    });
  });

  it("has upstream's tables and snake_case columns, unique keys, cascading user_id foreign keys and TEXT tokens", async () => {
    await withDefaultSchema(target, async (orm) => {
      await orm.schema.create();
      const shape = await target.shape(orm);
      expect(Object.keys(shape).sort()).toEqual(TABLES);
      for (const table of TABLES) expect(Object.keys(shape[table]!.columns), table).toEqual(COLUMNS[table]);
      expect(shape['user']!.primaryKey).toEqual(['id']);
      expect(shape['account']!.primaryKey).toEqual(['id']);
      expect(shape['session']!.primaryKey).toEqual(['id']);
      expect(shape['verification_token']!.primaryKey).toEqual(['token']);
      expect(shape['authenticator']!.primaryKey).toEqual(['credential_id']);
      expect(shape['user']!.uniques).toEqual([['email']]);
      expect(shape['account']!.uniques).toEqual([['provider', 'provider_account_id']]);
      expect(shape['session']!.uniques).toEqual([['session_token']]);
      expect(shape['verification_token']!.uniques).toEqual([['token', 'identifier']]);
      for (const table of ['account', 'session', 'authenticator']) {
        expect(shape[table]!.foreignKeys, table).toEqual(['user_id -> user(id) on delete cascade']);
      }
      // MikroORM indexes many-to-one columns where the platform asks for it (SQLite, MariaDB), not
      // on PostgreSQL, which has no automatic index on foreign keys either: there, deleting a user
      // and listing its authenticators scan whole tables.
      for (const table of ['account', 'session', 'authenticator']) {
        expect(shape[table]!.indexes, table).toEqual(['PostgreSQL', 'PGlite'].includes(target.name) ? [] : [['user_id']]);
      }
      expect(shape['user']!.foreignKeys).toEqual([]);
      expect(shape['verification_token']!.foreignKeys).toEqual([]);
      // Some providers' tokens exceed VARCHAR(255) (upstream's limit on PostgreSQL).
      for (const column of ['refresh_token', 'access_token', 'id_token']) expect(shape['account']!.columns[column], column).toBe('text');
      expect(shape['authenticator']!.columns['credential_public_key']).toBe('text');
      // Auth.js dates carry milliseconds, which MariaDB's (and MySQL's) plain DATETIME drops.
      if (target.name === 'MariaDB') {
        for (const [table, column] of [
          ['user', 'email_verified'],
          ['session', 'expires'],
          ['verification_token', 'expires'],
        ] as const) {
          expect(shape[table]!.columns[column], `${table}.${column}`).toBe('datetime(3)');
        }
      }
    });
  });
});

describe.each(targets)('an initial migration of the default entities on $name', (target) => {
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('creates on an empty database the schema the generator creates, and the adapter works on it', async () => {
    // Inside the repo (gitignored .tmp/), so that the migration's imports resolve from node_modules.
    const path = new URL(`../../../.tmp/mikro-orm-migrations-${process.pid}-${randomBytes(4).toString('hex')}/`, import.meta.url).pathname;
    mkdirSync(path, { recursive: true });
    folders.push(path);
    const entities: MikroOrmOptions['entities'] = [...Object.values(defaultEntities), Post];
    const db = await target.open();
    const reference = await target.open();
    // `emit: 'cjs'`: 'js' writes the same CommonJS (`require('@mikro-orm/migrations')`, `exports.…`)
    // into a .js file, which Node runs as an ES module under a package.json with "type": "module"
    // (like this repo's) and fails: "exports is not defined in ES module scope".
    const orm = await MikroORM.init({ ...db.options, entities, extensions: [Migrator], migrations: { path, emit: 'cjs', snapshot: false, silent: true } });
    const generated = await MikroORM.init({ ...reference.options, entities });
    try {
      const migration = await orm.migrator.create();
      expect(readdirSync(path)).toEqual([migration.fileName]);
      const applied = await orm.migrator.up();
      expect(applied.map((info) => info.name)).toEqual([migration.fileName]);
      // Nothing left for the schema generator to change…
      expect(await orm.schema.getUpdateSchemaSQL()).toBe('');
      // …and the very tables, columns, keys and indexes the generator creates.
      await generated.schema.create();
      const { mikro_orm_migrations: _, ...migrated } = await target.shape(orm);
      expect(migrated).toEqual(await target.shape(generated));
      expect(Object.keys(migrated).sort()).toEqual([...TABLES, 'post'].sort());

      const adapter = MikroOrmAdapter({ ...db.options, entities: [Post] });
      const user = { id: 'a1f0c7de-6a36-4bd4-9d27-5f9f3c1d0001', name: 'Alice', email: 'alice@example.com', emailVerified: null, image: null };
      expect(await adapter.createUser?.(user)).toEqual(user);
      expect(await adapter.getUserByEmail?.(user.email)).toEqual(user);
    } finally {
      await orm.close();
      await generated.close();
      await db.close();
      await reference.close();
    }
  });
});
