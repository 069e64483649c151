// The custom User entity example of the official Auth.js MikroORM adapter docs (custom-user.ts,
// its obvious bugs fixed), compiled with the fixtures the way an app compiles it (TypeScript,
// legacy decorators + decorator metadata) and run through the adapter's TypeScript source on
// sql.js and PostgreSQL (the cluster, and PGlite).
//
// MikroORM 7 no longer reads decorator metadata by default. That is the app's MikroORM config,
// not the example's business, so the config below does what the app has to do:
// - `import 'reflect-metadata'` before any decorated entity module is evaluated (TypeScript's
//   `__metadata` helper silently records nothing without it),
// - `metadataProvider: ReflectMetadataProvider` from `@mikro-orm/decorators/legacy`.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Adapter, AdapterAccount, AdapterUser } from '@auth/core/adapters';
import { MikroORM } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sql';
import ts from 'typescript';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { MikroOrmAdapter, defaultEntities, withUserEntity, type MikroOrmOptions } from '@adapter-lab/mikro-orm-adapter';
import { createSqlJsDialect, freshSqlJsDatabase } from '../adapter-support/sql-js.ts';
import { freshPostgresDatabase } from '../../support/postgres.ts';
import { addPgliteBesidePostgres, openMikroOrmOnPglite } from '../adapter-support/pglite.ts';
import { CUSTOM_USER_ENTITY } from './custom-user.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/.legacy-decorators/', import.meta.url));

/**
 * Type-checks the fixtures with their tsconfig.json and compiles each to ESM in a fresh folder
 * under the repo's .tmp/ (gitignored), so that their bare imports resolve from the repo's
 * node_modules. The compiled files are then imported through vitest (`await import()` in this
 * file), whose resolver maps `@adapter-lab/mikro-orm-adapter` to the package's TypeScript source
 * (the `adapter-lab-source` condition), not to dist/.
 */
function compileFixtures(): { diagnostics: string[]; outDir: string } {
  const { config, error } = ts.readConfigFile(join(FIXTURES, 'tsconfig.json'), ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, FIXTURES);
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where =
      diagnostic.file && diagnostic.start !== undefined
        ? `${basename(diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}: `
        : '';
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  });
  const outDir = fileURLToPath(new URL(`../../../.tmp/mikro-orm-docs-example-${process.pid}-${randomBytes(4).toString('hex')}/`, import.meta.url));
  mkdirSync(outDir, { recursive: true });
  const compilerOptions = { ...parsed.options, noEmit: false, allowImportingTsExtensions: false, sourceMap: false };
  for (const fileName of parsed.fileNames) {
    const { outputText } = ts.transpileModule(readFileSync(fileName, 'utf8'), { compilerOptions, fileName });
    writeFileSync(join(outDir, basename(fileName).replace(/\.ts$/, '.js')), outputText);
  }
  return { diagnostics, outDir };
}

const compiled = compileFixtures();
afterAll(() => rmSync(compiled.outDir, { recursive: true, force: true }));
const load = (name: string): Promise<unknown> => import(pathToFileURL(join(compiled.outDir, name)).href);

const { User } = (await load(basename(CUSTOM_USER_ENTITY).replace(/\.ts$/, '.js'))) as { User: typeof defaultEntities.User };
// The docs' `adapter: MikroOrmAdapter(config, { entities: { User } })`, with `config` (the app's
// MikroORM config, imported from elsewhere in the docs) as a parameter.
const createAdapter = (config: MikroOrmOptions): Adapter => MikroOrmAdapter(config, { entities: { User } });
const { Post } = (await load('post.js')) as { Post: new () => { id: number; title: string } };
const { Member } = (await load('enum-as-written.js')) as { Member: new () => object };
const { Account, Session, VerificationToken, Authenticator } = defaultEntities;

interface Target {
  name: string;
  open(): Promise<{ options: MikroOrmOptions; close(): Promise<void> }>;
  /** The declared type (lower case), default and nullability of a column. */
  column(orm: MikroORM, table: string, column: string): Promise<{ type: string; default: unknown; nullable: boolean } | undefined>;
}

const targets: Target[] = [
  {
    name: 'sql.js',
    async open() {
      const { database } = await freshSqlJsDatabase();
      return { options: { driver: SqliteDriver, dbName: ':memory:', driverOptions: createSqlJsDialect(database) }, close: async () => database.close() };
    },
    async column(orm, table, column) {
      const rows = await orm.em
        .getConnection()
        .execute<Array<{ type: string; dflt_value: unknown; notnull: number }>>('select type, dflt_value, "notnull" from pragma_table_info(?) where name = ?', [
          table,
          column,
        ]);
      return rows[0] && { type: rows[0].type.toLowerCase(), default: rows[0].dflt_value, nullable: rows[0].notnull === 0 };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const database = await freshPostgresDatabase();
      return { options: { driver: PostgreSqlDriver, clientUrl: database.connectionString }, close: () => database.drop() };
    },
    async column(orm, table, column) {
      const rows = await orm.em
        .getConnection()
        .execute<Array<{ data_type: string; column_default: unknown; is_nullable: string }>>(
          'select data_type, column_default, is_nullable from information_schema.columns where table_name = ? and column_name = ?',
          [table, column],
        );
      return rows[0] && { type: rows[0].data_type, default: rows[0].column_default, nullable: rows[0].is_nullable === 'YES' };
    },
  },
];
// Every PostgreSQL case on PGlite too, in Node.
addPgliteBesidePostgres(targets, openMikroOrmOnPglite);

const alice = {
  id: 'a1f0c7de-6a36-4bd4-9d27-5f9f3c1d0001',
  name: 'Alice',
  email: 'alice@example.com',
  emailVerified: new Date('2024-05-01T10:00:00.123Z'),
  image: null,
} satisfies AdapterUser;
const account = (userId: string): AdapterAccount => ({
  userId,
  type: 'oauth',
  provider: 'github',
  providerAccountId: '4242',
  access_token: 'gho_x',
  token_type: 'bearer',
  scope: 'read:user',
});
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const session = (userId: string) => ({ userId, sessionToken: 'token-1', expires: new Date('2030-01-01T00:00:00.000Z') });

it('the example, its obvious bugs fixed, type-checks (strict) with legacy decorators and decorator metadata', () => {
  expect(compiled.diagnostics).toEqual([]);
});

describe.each(targets)('the docs custom User example on $name', (target) => {
  let db: Awaited<ReturnType<Target['open']>>;
  let config: MikroOrmOptions;
  let adapter: Adapter;
  let init: MockInstance<typeof MikroORM.init>;
  /** The ORM the adapter initialised (it never closes it: afterEach does). */
  const adapterOrm = async (): Promise<MikroORM> => {
    const result = init.mock.results[0];
    if (!result) throw new Error('the adapter has not initialised MikroORM yet');
    return (await result.value) as MikroORM;
  };
  const count = async (table: string): Promise<number> => {
    const orm = await adapterOrm();
    const [row] = await orm.em
      .getConnection()
      .execute<Array<{ n: number | string }>>(`select count(*) as n from ${orm.em.getPlatform().quoteIdentifier(table)}`);
    return Number(row?.n);
  };

  beforeEach(async () => {
    db = await target.open();
    // The app's MikroORM config: its own entities (not Auth.js's) and the metadata provider.
    config = { ...db.options, metadataProvider: ReflectMetadataProvider, entities: [Post] };
    // The tables, as the app's migrations would create them: its ORM with every entity, the
    // default Account/Session/Authenticator pointing at the custom User (see user-entity.ts).
    const schema = await withUserEntity(User, () => MikroORM.init({ ...config, entities: [User, Account, Session, VerificationToken, Authenticator, Post] }));
    await schema.schema.create();
    await schema.close();
    init = vi.spyOn(MikroORM, 'init');
    adapter = createAdapter(config);
  });

  afterEach(async () => {
    if (init.mock.results.length > 0) await (await adapterOrm()).close();
    vi.restoreAllMocks();
    await db.close();
  });

  it('createUser stores role "ADMIN" in the role column; the adapter returns the user without it (hidden)', async () => {
    // hidden: true is MikroORM's "never serialise": upstream returned wrap(user).toObject(), which
    // leaves hidden properties out, so the Auth.js user never carried `role` (upstream's own
    // custom-User test relies on that). Ours returns the same five fields.
    expect(await adapter.createUser?.(alice)).toEqual(alice);
    const orm = await adapterOrm();
    // A text column (thanks to the fixture's `items`), NOT NULL, whose default is the initialiser's value.
    expect(await target.column(orm, 'user', 'role')).toEqual({ type: 'text', default: expect.stringMatching(/^'ADMIN'/), nullable: false });
    expect(await orm.em.getConnection().execute('select role from "user" where id = ?', [alice.id])).toEqual([{ role: 'ADMIN' }]);
    // `items` also brings a CHECK constraint: only the listed roles.
    await expect(orm.em.getConnection().execute(`update "user" set role = 'USER'`)).rejects.toThrow(/check constraint/i);
    expect(await adapter.getUser?.(alice.id)).toEqual(alice);
    expect(await adapter.getUserByEmail?.(alice.email)).toEqual(alice);
    expect(await adapter.updateUser?.({ id: alice.id, name: 'Alice B.' })).toEqual({ ...alice, name: 'Alice B.' });
  });

  it('links accounts and sessions to the custom User and finds it through them', async () => {
    await adapter.createUser?.(alice);
    expect(await adapter.linkAccount?.(account(alice.id))).toEqual({
      ...account(alice.id),
      id: expect.stringMatching(UUID_V4),
      refresh_token: null,
      expires_at: null,
      id_token: null,
      session_state: null,
    });
    const created = (await adapter.createSession?.(session(alice.id))) as { id?: string } | undefined;
    expect(created).toEqual({ ...session(alice.id), id: expect.stringMatching(UUID_V4) });
    expect(await adapter.getUserByAccount?.({ provider: 'github', providerAccountId: '4242' })).toEqual(alice);
    expect(await adapter.getSessionAndUser?.('token-1')).toEqual({ session: { ...session(alice.id), id: created?.id }, user: alice });
    const orm = await adapterOrm();
    // The default Session's user relation targets the custom User, whose table it references.
    expect(orm.getMetadata().find(Session)?.properties.user.targetMeta?.class).toBe(User);
    await expect(adapter.createSession?.({ ...session('nobody'), sessionToken: 'token-2' })).rejects.toThrow(
      'Cannot create a session: user nobody does not exist',
    );
  });

  it('deleteUser deletes the user with its accounts and sessions (ON DELETE CASCADE)', async () => {
    await adapter.createUser?.(alice);
    await adapter.linkAccount?.(account(alice.id));
    await adapter.createSession?.(session(alice.id));
    expect([await count('user'), await count('account'), await count('session')]).toEqual([1, 1, 1]);
    await adapter.deleteUser?.(alice.id);
    expect([await count('user'), await count('account'), await count('session')]).toEqual([0, 0, 0]);
    expect(await adapter.getSessionAndUser?.('token-1')).toBeNull();
  });

  it("keeps the app's unrelated entity registered and usable, next to the custom User and the package's defaults", async () => {
    await adapter.getUser?.('nobody');
    const orm = await adapterOrm();
    expect(init).toHaveBeenCalledTimes(1);
    const metadata = orm.getMetadata();
    expect(metadata.find(Post)?.tableName).toBe('post');
    expect(metadata.find(User)?.tableName).toBe('user');
    // The package's default User is not registered: the custom one took its place. And the others
    // are the very classes this file imports, which vitest resolves to the package's TypeScript
    // source: the compiled example went through the same module, not dist/.
    expect([...metadata.getAll().values()].map((meta) => meta.class)).toEqual(
      expect.arrayContaining([User, Post, Account, Session, VerificationToken, Authenticator]),
    );
    expect([...metadata.getAll().values()].map((meta) => meta.class)).not.toContain(defaultEntities.User);
    const em = orm.em.fork();
    em.create(Post, { title: 'Hello' });
    await em.flush();
    expect(await count('post')).toBe(1);
  });
});

it('cannot be discovered without the ReflectMetadataProvider (MikroORM 7 no longer defaults to it)', async () => {
  const { database } = await freshSqlJsDatabase();
  const options: MikroOrmOptions = { driver: SqliteDriver, dbName: ':memory:', driverOptions: createSqlJsDialect(database), entities: [Post] };
  // Without type metadata, a property whose options name no type stops discovery (User.name, Post.id, …).
  const missingType = /Please provide either 'type' or 'entity' attribute in (User|Post)\.\w+/;
  try {
    await expect(
      withUserEntity(User, () => MikroORM.init({ ...options, entities: [User, Account, Session, VerificationToken, Authenticator, Post] })),
    ).rejects.toThrow(missingType);
    // The adapter, given the same config, fails its first call the same way.
    await expect(createAdapter(options).getUser?.('nobody')).rejects.toThrow(missingType);
  } finally {
    database.close();
  }
});

describe.each(targets)("the docs' `@Enum({ hidden: true }) role = 'ADMIN'` (no `items`) on $name", (target) => {
  it('is mapped to a number column: SQLite INTEGER holding text, a PostgreSQL SMALLINT that rejects the default', async () => {
    const db = await target.open();
    const orm = await MikroORM.init({ ...db.options, metadataProvider: ReflectMetadataProvider, entities: [Member] });
    try {
      const ddl = await orm.schema.getCreateSchemaSQL();
      if (target.name === 'sql.js') {
        expect(ddl).toContain("`role` integer not null default 'ADMIN'");
        await orm.schema.create();
        await orm.em.getConnection().execute("insert into member (id) values ('m1')");
        // SQLite's type affinity keeps the text it cannot convert: it works, by accident.
        expect(await orm.em.getConnection().execute('select role, typeof(role) as type from member')).toEqual([{ role: 'ADMIN', type: 'text' }]);
      } else {
        expect(ddl).toContain(`"role" smallint not null default 'ADMIN'`);
        await expect(orm.schema.create()).rejects.toThrow('invalid input syntax for type smallint: "ADMIN"');
      }
    } finally {
      await orm.close();
      await db.close();
    }
  });
});
