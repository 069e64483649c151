// The editor's type bundles, checked as Monaco will see them: a TypeScript language service whose
// host answers like Monaco's TypeScript worker (the reader's files and the bundle's files as
// extra libs, TypeScript's own lib files by bare name, no other file system), compiled with the
// playground's options. What errors here is what the reader sees underlined.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';
import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import { COMPILER_OPTIONS } from '../../../src/playground/compiler/compile-options.ts';
import { buildTypeBundle, GLOBALS_PATH, VIRTUAL_NODE_MODULES, type TypeBundle } from '../../../src/playground/editor/types/build-type-bundle.ts';
import { forgetTypeBundles, typeBundleBuilds } from '../../../src/playground/editor/types/type-bundle-cache.ts';
import { playgroundTypesPlugin } from '../../../src/playground/editor/types/vite-plugin.ts';
import { MIKRO_ORM_CORE_DECORATOR_HINT, importable } from '../../../src/playground/module-names.ts';
import type { OrmId } from '../../../src/playground/protocol.ts';

const TIMEOUT = 120_000;

const built = new Map<OrmId, Promise<TypeBundle>>();
function bundleOf(orm: OrmId): Promise<TypeBundle> {
  let bundle = built.get(orm);
  if (!bundle) built.set(orm, (bundle = buildTypeBundle(orm)));
  return bundle;
}

// Monaco ships every lib file of its TypeScript, by bare name (`lib.es2023.d.ts`).
const LIB_DIR = new URL('../../../node_modules/typescript/lib/', import.meta.url);
const LIBS: Readonly<Record<string, string>> = Object.fromEntries(
  readdirSync(LIB_DIR)
    .filter((name) => /^lib\..*\.d\.ts$/.test(name))
    .map((name) => [name, readFileSync(new URL(name, LIB_DIR), 'utf8')]),
);

/** The reader's files (`run.ts`, `entities/user.ts`), as the model URIs Monaco would give them. */
type Sources = Readonly<Record<string, string>>;

const uri = (name: string): string => `file:///${name}`;

/**
 * A language service with Monaco's TypeScriptWorker host (monaco-editor's tsWorker.js): every
 * extra lib is a root file, unless `libRoots` names fewer (to see what the reader's files reach).
 */
function editor(bundle: TypeBundle, sources: Sources, libRoots: readonly string[] = Object.keys(bundle.files)) {
  const options = COMPILER_OPTIONS as unknown as ts.CompilerOptions;
  const models = new Map(Object.entries(sources).map(([name, code]) => [uri(name), code]));
  const text = (file: string): string | undefined => models.get(file) ?? LIBS[file] ?? bundle.files[file];
  const defaultLib = (compilerOptions: ts.CompilerOptions): string => {
    const name = `lib.es${2013 + (compilerOptions.target ?? 99)}.full.d.ts`;
    return name in LIBS ? name : 'lib.es6.d.ts';
  };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [...models.keys(), ...libRoots],
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) => {
      const content = text(file);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getScriptKind: (file) =>
      ({ ts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, js: ts.ScriptKind.JS, jsx: ts.ScriptKind.JSX })[file.slice(file.lastIndexOf('.') + 1)] ??
      (options.allowJs ? ts.ScriptKind.JS : ts.ScriptKind.TS),
    getCurrentDirectory: () => '',
    getDefaultLibFileName: defaultLib,
    readFile: text,
    fileExists: (file) => text(file) !== undefined,
  };
  const service = ts.createLanguageService(host);
  const where = (d: ts.Diagnostic): string => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${d.file?.fileName.replace('file:///', '') ?? '?'}:${line} TS${d.code}`;
  };
  return {
    service,
    /** Every syntactic and semantic diagnostic of the reader's files, as `file:line TScode`. */
    errors: (): string[] =>
      [...models.keys()].flatMap((file) => [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)]).map(where),
    /** The deprecation suggestions (struck through in Monaco), with the text their tag says. */
    deprecations: () =>
      [...models.keys()]
        .flatMap((file) => service.getSuggestionDiagnostics(file))
        .filter((d) => d.reportsDeprecated)
        .map((d) => {
          const related = d.relatedInformation?.[0];
          const tag = related?.file && related.start !== undefined ? related.file.text.slice(related.start, related.start + (related.length ?? 0)) : '';
          return { at: where(d), tag };
        }),
    program: (): ts.Program => {
      const program = service.getProgram();
      if (!program) throw new Error('no program');
      return program;
    },
  };
}

/** The position of the last character of `marker` (first occurrence) in a reader's file. */
function after(sources: Sources, name: string, marker: string): number {
  const at = sources[name]?.indexOf(marker) ?? -1;
  if (at < 0) throw new Error(`${marker} not in ${name}`);
  return at + marker.length - 1;
}

// --- Sequelize ------------------------------------------------------------------------------------

const SEQUELIZE_AUTH = `import { DataTypes, Sequelize } from 'sequelize';
import SequelizeAdapter, { models } from '@auth/sequelize-adapter';
import OurSequelizeAdapter, { models as ourModels, type SequelizeAdapterOptions } from '@adapter-lab/sequelize-adapter';
import type { Adapter } from '@auth/core/adapters';

export const sequelize = new Sequelize(process.env.DATABASE_URL!);
export const other = new Sequelize('postgres://u:p@localhost:5432/db', { logging: false });

// A custom User with an extra attribute, as the adapter's docs show.
const User = sequelize.define('user', { ...models.User, phoneNumber: DataTypes.STRING });

export const adapter: Adapter = SequelizeAdapter(sequelize, { synchronize: true, models: { User } });

const options: SequelizeAdapterOptions = { models: { User: other.define('user', ourModels.User, { underscored: true }) } };
export const ours = OurSequelizeAdapter(other, options);
`;

const SEQUELIZE_RUN = `import { adapter, sequelize } from './auth';
import { ours } from './auth.ts';

await sequelize.sync();
const user = await adapter.createUser?.({ id: crypto.randomUUID(), email: 'ada@example.com', emailVerified: null, name: 'Ada' });
if (!user) throw new Error('no createUser');
await adapter.linkAccount?.({ userId: user.id, type: 'oauth', provider: 'github', providerAccountId: '42' });
console.log(await adapter.getUserByAccount?.({ provider: 'github', providerAccountId: '42' }));
console.table([await ours.getUser?.(user.id)]);
console.log(process.env.NODE_ENV);
`;

describe('the Sequelize type bundle in the editor', () => {
  it('type-checks a realistic auth.ts and run.ts without an error', { timeout: TIMEOUT }, async () => {
    const { errors } = editor(await bundleOf('sequelize'), { 'auth.ts': SEQUELIZE_AUTH, 'run.ts': SEQUELIZE_RUN });
    expect(errors()).toEqual([]);
  });

  it('types our adapter for @auth/sequelize-adapter, default export included', { timeout: TIMEOUT }, async () => {
    const sources = { 'auth.ts': SEQUELIZE_AUTH };
    const { service } = editor(await bundleOf('sequelize'), sources);
    const [definition] = service.getDefinitionAtPosition(uri('auth.ts'), after(sources, 'auth.ts', ': Adapter = SequelizeAdapter')) ?? [];
    expect(definition?.fileName).toBe('file:///node_modules/@adapter-lab/sequelize-adapter/dist/index.d.ts');
  });

  it('reports what does not type-check or does not exist in the playground', { timeout: TIMEOUT }, async () => {
    const run = `import { adapter } from './auth';
import { SessionProvider } from 'next-auth/react';
import { init } from '@auth/core/lib/init';
import { readFileSync } from 'node:fs';
import { literal } from 'sequelize/lib/utils';

await adapter.createUser?.({ id: '1', email: 'ada@example.com', emailVerified: 'yesterday' });
await adapter.createUser?.({ id: '1' });
document.title = 'nope';
window.alert('nope');
console.log(SessionProvider, init, readFileSync, literal, Buffer.from('no'), require('node:fs'));
`;
    const { errors } = editor(await bundleOf('sequelize'), { 'auth.ts': SEQUELIZE_AUTH, 'run.ts': run });
    expect(errors()).toEqual([
      'run.ts:2 TS2307', // next-auth/react: Next.js's side, not in the playground
      'run.ts:3 TS2307', // @auth/core's internals are not served
      'run.ts:4 TS2307', // no Node modules
      'run.ts:5 TS2307', // sequelize's deep imports are not served
      'run.ts:7 TS2322', // emailVerified: a Date or null
      'run.ts:8 TS2345', // email and emailVerified are required
      'run.ts:9 TS2584', // no DOM
      'run.ts:10 TS2304',
      'run.ts:11 TS2693', // Buffer: a type the libraries name, not a global of the playground
      'run.ts:11 TS2580', // no Node: require
    ]);
  });

  it('has no MikroORM', { timeout: TIMEOUT }, async () => {
    const { errors } = editor(await bundleOf('sequelize'), { 'run.ts': "import { MikroORM } from '@mikro-orm/core';\nconsole.log(MikroORM);\n" });
    expect(errors()).toEqual(['run.ts:1 TS2307']);
  });
});

// --- MikroORM -------------------------------------------------------------------------------------

/** The official docs' custom User entity (MikroORM 7 fixes as in our docs-example test), decorators from `from`. */
const userEntity = (decorators: string, from: string): string => `import 'reflect-metadata';
import { ${decorators} } from '${from}';
import { defaultEntities } from '@adapter-lab/mikro-orm-adapter';

const { Account, Session } = defaultEntities;
type Account = defaultEntities.Account;
type Session = defaultEntities.Session;

@Entity()
export class User implements defaultEntities.User {
  @PrimaryKey()
  id: string = crypto.randomUUID();

  @Property({ nullable: true })
  name?: string;

  @Property({ nullable: true })
  @Unique()
  email?: string;

  @Property({ type: 'Date', nullable: true })
  emailVerified: Date | null = null;

  @Property({ nullable: true })
  image?: string;

  @OneToMany({ entity: () => Session, mappedBy: (session) => session.user, hidden: true, orphanRemoval: true, cascade: [Cascade.ALL] })
  sessions = new Collection<Session>(this);

  @OneToMany({ entity: () => Account, mappedBy: (account) => account.user, hidden: true, orphanRemoval: true, cascade: [Cascade.ALL] })
  accounts = new Collection<Account>(this);

  @Enum({ items: ['ADMIN'], hidden: true })
  role = 'ADMIN';
}
`;

const LEGACY_USER = `import { Cascade, Collection } from '@mikro-orm/core';\n${userEntity('Entity, Enum, OneToMany, PrimaryKey, Property, Unique', '@mikro-orm/decorators/legacy')}`;
const CORE_USER = userEntity('Cascade, Collection, Entity, Enum, OneToMany, PrimaryKey, Property, Unique', '@mikro-orm/core');

const MIKRO_ORM_AUTH = `import type { Adapter } from '@auth/core/adapters';
import { MikroOrmAdapter } from '@adapter-lab/mikro-orm-adapter';
import { MikroOrmAdapter as UpstreamMikroOrmAdapter } from '@auth/mikro-orm-adapter';
import { Property as EsProperty } from '@mikro-orm/decorators/es';
import { MikroORM, PostgreSqlDriver, defineConfig } from '@mikro-orm/postgresql';
import { MySqlDriver } from '@mikro-orm/mysql';
import { SqliteDriver } from '@mikro-orm/sql';
import { User } from './entities/user';

export const adapter: Adapter = MikroOrmAdapter({ driver: PostgreSqlDriver, clientUrl: 'postgres://u:p@localhost:5432/db' }, { entities: { User } });
export const upstream = UpstreamMikroOrmAdapter({ driver: MySqlDriver, clientUrl: process.env.DATABASE_CONNECTION_STRING }, { entities: { User } });

const orm = await MikroORM.init(defineConfig({ clientUrl: process.env.DATABASE_URL, entities: [User] }));
export const onOrm = MikroOrmAdapter(orm);
export const sqlite = MikroOrmAdapter({ driver: SqliteDriver, dbName: ':memory:' });

class Tag {
  @EsProperty()
  name = '';
}

const user = await adapter.createUser?.({ id: crypto.randomUUID(), email: 'ada@example.com', emailVerified: null });
console.log(user?.email, orm.em.getMetadata().find(User)?.tableName, new Tag());
`;

describe('the MikroORM type bundle in the editor', () => {
  it("type-checks the docs' custom User entity and adapter set-up without an error", { timeout: TIMEOUT }, async () => {
    const { errors, deprecations } = editor(await bundleOf('mikro-orm'), { 'entities/user.ts': LEGACY_USER, 'auth.ts': MIKRO_ORM_AUTH });
    expect(errors()).toEqual([]);
    expect(deprecations()).toEqual([]);
  });

  it('accepts the decorators from @mikro-orm/core, struck through with the hint', { timeout: TIMEOUT }, async () => {
    const sources = { 'entities/user.ts': CORE_USER, 'auth.ts': MIKRO_ORM_AUTH };
    const { errors, deprecations, service } = editor(await bundleOf('mikro-orm'), sources);
    expect(errors()).toEqual([]);
    // The hint as the tag says it: package names in backticks, which Monaco shows as code.
    const unquoted = (text: string): string => text.replaceAll('`', '');
    // Each decorator where it is imported (6385: 'Entity' is deprecated), then every call (6387:
    // the signature of 'Entity' is deprecated).
    const imports = [2, 2, 2, 2, 2, 2].map((line) => `entities/user.ts:${line} TS6385`);
    const calls = [9, 11, 14, 17, 18, 21, 24, 27, 30, 33].map((line) => `entities/user.ts:${line} TS6387`);
    expect(deprecations().map(({ at, tag }) => ({ at, tag: unquoted(tag).trim() }))).toEqual(
      [...imports, ...calls].map((at) => ({ at, tag: `@deprecated ${MIKRO_ORM_CORE_DECORATOR_HINT}` })),
    );
    const info = service.getQuickInfoAtPosition(uri('entities/user.ts'), after(sources, 'entities/user.ts', '@Entity'));
    expect(info?.tags?.map((tag) => ({ name: tag.name, text: unquoted(ts.displayPartsToString(tag.text)) }))).toEqual([
      { name: 'deprecated', text: MIKRO_ORM_CORE_DECORATOR_HINT },
    ]);
  });

  it('rejects MikroORM 5/6 options and Sequelize', { timeout: TIMEOUT }, async () => {
    const run = `import { MikroOrmAdapter } from '@adapter-lab/mikro-orm-adapter';
import { Sequelize } from 'sequelize';

export const adapter = MikroOrmAdapter({ type: 'sqlite' });
console.log(Sequelize);
`;
    const { errors } = editor(await bundleOf('mikro-orm'), { 'run.ts': run });
    expect(errors()).toEqual(['run.ts:2 TS2307', 'run.ts:4 TS2353']);
  });
});

// --- Auth.js ---------------------------------------------------------------------------------------

/** The official docs' snippets, as a reader pastes them (the adapter per ORM). */
const ADAPTER_SETUP: Readonly<Record<OrmId, string>> = {
  sequelize: `import SequelizeAdapter from "@auth/sequelize-adapter"
import { Sequelize } from "sequelize"

const sequelize = new Sequelize(process.env.DATABASE_URL!)
export const adapter = SequelizeAdapter(sequelize)
`,
  'mikro-orm': `import { MikroOrmAdapter } from "@auth/mikro-orm-adapter"
import { PostgreSqlDriver } from "@mikro-orm/postgresql"

export const adapter = MikroOrmAdapter({ driver: PostgreSqlDriver, clientUrl: process.env.DATABASE_URL, dbName: "auth" })
`,
};

const NEXT_AUTH_SETUP = `import NextAuth, { AuthError, CredentialsSignin, type NextAuthConfig } from "next-auth"
import GitHub from "next-auth/providers/github"
import Credentials from "next-auth/providers/credentials"
import Nodemailer from "next-auth/providers/nodemailer"
import Resend from "next-auth/providers/resend"
import { adapter } from "./db"

export const config = {
  providers: [
    GitHub,
    GitHub({ clientId: process.env.AUTH_GITHUB_ID, clientSecret: process.env.AUTH_GITHUB_SECRET }),
    Nodemailer({ server: process.env.EMAIL_SERVER, from: "noreply@example.com" }),
    Resend({ from: "auth@example.com" }),
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { type: "password", required: true } },
      authorize: async (credentials) => {
        if (credentials.password !== "secret") throw new CredentialsSignin()
        return { id: "1", email: String(credentials.email) }
      },
    }),
  ],
  adapter,
  session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
  callbacks: {
    session({ session, user }) {
      session.user.id = user.id
      return session
    },
    authorized: async ({ auth }) => !!auth,
    jwt({ token, account }) {
      if (account) return { ...token, accessToken: account.access_token, expiresAt: Date.now() + (account.expires_in ?? 0) * 1000 }
      return token
    },
  },
  events: { signIn: ({ user, isNewUser }) => console.log(user.email, isNewUser) },
} satisfies NextAuthConfig

export const { handlers, auth, signIn, signOut } = NextAuth({ providers: [], adapter })
export const { GET, POST } = handlers
export const lazy = NextAuth(() => ({ providers: [GitHub], adapter }))
export const perRequest = NextAuth(async (request) => ({ ...config, debug: request?.url.includes("debug") }))
export default NextAuth(config)

const session = await auth()
console.log(session?.user?.email, session?.expires, new AuthError("x").type)
await signIn("github", { redirectTo: "/dashboard" })
await signOut({ redirect: false })
export const middleware = auth((request) => console.log(request.auth?.user?.name, request.url))
`;

const OTHER_FRAMEWORKS = `import { Auth, customFetch, isAuthAction, raw, setEnvDefaults, skipCSRFCheck, type AuthConfig } from "@auth/core"
import { CredentialsSignin as CoreCredentialsSignin, OAuthAccountNotLinked } from "@auth/core/errors"
import { decode, encode } from "@auth/core/jwt"
import { getToken } from "next-auth/jwt"
import CoreGitHub from "@auth/core/providers/github"
import { ExpressAuth, getSession, type ExpressAuthConfig } from "@auth/express"
import GitHub from "@auth/express/providers/github"
import { SvelteKitAuth } from "@auth/sveltekit"
import SvelteGitHub from "@auth/sveltekit/providers/github"
import { QwikAuth$ } from "@auth/qwik"
import QwikGitHub from "@auth/qwik/providers/github"
import { adapter } from "./db"

export const expressConfig: ExpressAuthConfig = { providers: [GitHub], adapter }
export const middleware = ExpressAuth({ providers: [GitHub] })
export const { handle, signIn, signOut } = SvelteKitAuth({ providers: [SvelteGitHub], adapter })
export const { onRequest, useSession } = QwikAuth$(() => ({ providers: [QwikGitHub], adapter }))

const config: AuthConfig = { providers: [CoreGitHub({ [customFetch]: async (...args) => new Response(String(args.length)) })], adapter, secret: "s", trustHost: true, skipCSRFCheck }
setEnvDefaults({ AUTH_SECRET: "s" }, config)
const response: Response = await Auth(new Request("http://localhost/auth/session"), config)
const internal = await Auth(new Request("http://localhost/auth/session"), { ...config, raw })
console.log(response.status, await response.json(), internal.status, isAuthAction("session"), await getSession({ headers: {} } as any, expressConfig))
const token = await encode({ token: { sub: "1" }, secret: "s", salt: "authjs.session-token" })
console.log(await decode({ token, secret: "s", salt: "authjs.session-token" }), getToken, new CoreCredentialsSignin(), OAuthAccountNotLinked)
`;

const PLAYGROUND_RUN = `import { browser, clock, inbox, otherDevice, provider, type PageVisit } from "@adapter-lab/playground"
import "./auth"

provider.profile = { ...provider.profile, email: "ada@example.com" }
const visit: PageVisit = await browser.signIn("github", { profile: { id: 2 } })
console.log(visit.url, visit.status, visit.error)
const session = await browser.session()
console.log(session?.user?.email, browser.cookies()["authjs.session-token"])
await otherDevice.signIn("nodemailer", { email: "ada@example.com", openLink: false })
const mail = inbox.latest("ada@example.com")
if (mail) await otherDevice.open(mail.url)
clock.advance("31d")
clock.advance(60_000)
console.log(clock.now().toISOString(), inbox.messages.length, (await browser.fetch("/api/auth/session")).status)
await browser.signOut()
`;

describe.each(['sequelize', 'mikro-orm'] as const)('Auth.js in the %s editor', (orm) => {
  it("type-checks the official docs' set-ups: next-auth, @auth/core, Express, SvelteKit, Qwik, and run.ts scripting flows", { timeout: TIMEOUT }, async () => {
    const { errors } = editor(await bundleOf(orm), {
      'db.ts': ADAPTER_SETUP[orm],
      'auth.ts': NEXT_AUTH_SETUP,
      'frameworks.ts': OTHER_FRAMEWORKS,
      'run.ts': PLAYGROUND_RUN,
    });
    expect(errors()).toEqual([]);
  });

  it('reports a wrong one', { timeout: TIMEOUT }, async () => {
    const auth = `import NextAuth from "next-auth"
import GitHub from "next-auth/providers/github"
import Google from "next-auth/providers/google"
import { ExpressAuth } from "@auth/express"
import { browser, clock } from "@adapter-lab/playground"

export const { auth } = NextAuth({ provider: [GitHub] })
export const result = NextAuth({ providers: [GitHub], session: { strategy: "cookie" } })
const session: string = await auth()
ExpressAuth()
await browser.signIn()
clock.advance(true)
NextAuth({ providers: [], callbacks: { jwt: ({ token, account }) => ({ ...token, at: account?.access_token?.toFixed() }) } })
console.log(Google, session)
`;
    const { errors } = editor(await bundleOf(orm), { 'auth.ts': auth });
    expect(errors()).toEqual([
      'auth.ts:3 TS2307', // the playground serves no Google provider
      'auth.ts:7 TS2353', // no such option: it is providers
      'auth.ts:8 TS2322', // "jwt" or "database"
      'auth.ts:9 TS2322', // a Session or null
      'auth.ts:10 TS2554', // a configuration is required
      'auth.ts:11 TS2554', // which provider
      'auth.ts:12 TS2345', // milliseconds or a duration
      'auth.ts:13 TS2551', // no toFixed on a string: an access token is a string (oauth4webapi's TokenEndpointResponse, cut down but real)
    ]);
  });

  it("documents @adapter-lab/playground's values, and types next-auth's configuration with @auth/core's own declarations", { timeout: TIMEOUT }, async () => {
    const sources = { 'db.ts': ADAPTER_SETUP[orm], 'auth.ts': NEXT_AUTH_SETUP, 'run.ts': PLAYGROUND_RUN };
    const { service } = editor(await bundleOf(orm), sources);
    const info = service.getQuickInfoAtPosition(uri('run.ts'), after(sources, 'run.ts', 'const visit: PageVisit = await browser'));
    expect(ts.displayPartsToString(info?.documentation)).toBe("The reader's browser.");
    const [sessionOption] = service.getDefinitionAtPosition(uri('auth.ts'), after(sources, 'auth.ts', '  session')) ?? [];
    expect(sessionOption?.fileName).toBe('file:///node_modules/@auth/core/index.d.ts');
  });
});

// --- The bundles themselves ---------------------------------------------------------------------

/** Every module specifier a file names, by the scanner Monaco's TypeScript also uses. */
function specifiersOf(text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  return [...info.importedFiles, ...info.typeReferenceDirectives, ...info.libReferenceDirectives].map((ref) => ref.fileName);
}

describe.each(['sequelize', 'mikro-orm'] as const)('the %s type bundle', (orm) => {
  // Measured when written (raw / gzip of the JSON module): Sequelize 0.71 MB / 141 kB, MikroORM 2.14 MB / 403 kB;
  // with Auth.js's modules and oauth4webapi cut down: Sequelize 0.65 MB / 132 kB, MikroORM 2.08 MB / 395 kB.
  const GZIP_BUDGET = { sequelize: 176_000, 'mikro-orm': 504_000 }[orm];

  it('stays within its size budget', { timeout: TIMEOUT }, async () => {
    const bundle = await bundleOf(orm);
    const raw = Object.values(bundle.files).reduce((sum, content) => sum + Buffer.byteLength(content), 0);
    const gzip = gzipSync(JSON.stringify(bundle)).length;
    console.info(`${orm} type bundle: ${Object.keys(bundle.files).length} files, ${raw} bytes raw, ${gzip} bytes gzip`);
    expect(gzip).toBeLessThan(GZIP_BUDGET);
  });

  it('holds declarations and package.json files under file:///node_modules/, and the globals', { timeout: TIMEOUT }, async () => {
    const paths = Object.keys((await bundleOf(orm)).files);
    expect(paths.filter((file) => file !== GLOBALS_PATH && !file.startsWith(VIRTUAL_NODE_MODULES))).toEqual([]);
    expect(paths.filter((file) => !file.endsWith('.d.ts') && !file.endsWith('/package.json'))).toEqual([]);
    expect(paths).toContain(GLOBALS_PATH);
    // Our adapters as declarations only: never their TypeScript source.
    expect(paths.filter((file) => file.includes('/@adapter-lab/') && !file.includes('/dist/') && !file.endsWith('/package.json'))).toEqual([]);
  });

  it('ships nothing unreachable: the importable modules load every declaration file', { timeout: TIMEOUT }, async () => {
    const bundle = await bundleOf(orm);
    const entry = importable(orm)
      .map((specifier, i) => `export * as m${i} from '${specifier}';`)
      .join('\n');
    // Roots: the entry and the files nothing imports (globals, module augmentations); Monaco makes every extra lib a root.
    const roots = Object.keys(bundle.files).filter((file) => file === GLOBALS_PATH || file.endsWith('/playground-decorators.d.ts'));
    const { errors, program } = editor(bundle, { 'entry.ts': entry }, roots);
    expect(errors()).toEqual([]);
    const loaded = program()
      .getSourceFiles()
      .map((source) => source.fileName)
      .filter((file) => !(file in LIBS) && file !== uri('entry.ts'));
    const declarations = Object.keys(bundle.files).filter((file) => file.endsWith('.d.ts'));
    expect(new Set(loaded)).toEqual(new Set(declarations));
    // No DOM, even where a library asks for one (preact's `/// <reference lib="dom" />`).
    expect(
      program()
        .getSourceFiles()
        .map((source) => source.fileName)
        .filter((file) => /^lib\.(dom|webworker)/.test(file)),
    ).toEqual([]);
  });

  it('resolves every module its declarations import, within the bundle', { timeout: TIMEOUT }, async () => {
    const bundle = await bundleOf(orm);
    const host: ts.ModuleResolutionHost = { fileExists: (file) => file in bundle.files, readFile: (file) => bundle.files[file] };
    const options = COMPILER_OPTIONS as unknown as ts.CompilerOptions;
    const unresolved = new Set<string>();
    // Modules the globals declare themselves (`declare module 'node:crypto'`) need no file.
    const ambient = new Set([...bundle.files[GLOBALS_PATH]!.matchAll(/^declare module '([^']+)'/gm)].map((match) => match[1]!));
    for (const [file, text] of Object.entries(bundle.files)) {
      if (!file.endsWith('.d.ts')) continue;
      for (const specifier of specifiersOf(text)) {
        if (ambient.has(specifier)) continue;
        if (/^(es|dom|webworker|decorators|scripthost)/.test(specifier) && !specifier.includes('/')) continue;
        if (!ts.resolveModuleName(specifier, file, options, host).resolvedModule) unresolved.add(specifier);
      }
    }
    // Auth.js's optional peers (e-mail and passkey providers), absent from node_modules as from the
    // playground, and next-auth, which @auth/core/adapters augments for its users.
    const transports = ['json-transport', 'sendmail-transport', 'ses-transport', 'smtp-pool', 'smtp-transport', 'stream-transport'];
    const absent = [
      '@simplewebauthn/server',
      '@simplewebauthn/types',
      'next-auth/adapters',
      'nodemailer',
      ...transports.map((name) => `nodemailer/lib/${name}/index.js`),
    ];
    expect([...unresolved].sort()).toEqual(absent.sort());
  });
});

// --- The Vite plugin ------------------------------------------------------------------------------

type Hook<A extends unknown[], R> = (this: unknown, ...args: A) => R;
function hook<A extends unknown[], R>(value: unknown): Hook<A, R> {
  const fn = typeof value === 'function' ? value : (value as { handler?: unknown } | undefined)?.handler;
  if (typeof fn !== 'function') throw new Error('missing hook');
  return fn as Hook<A, R>;
}

describe('playgroundTypesPlugin', () => {
  async function load(plugin: Plugin, id: string, watched: string[]): Promise<{ files: Record<string, string> }> {
    const resolved = await hook<[string, string | undefined, object], Promise<string | null> | string | null>(plugin.resolveId).call({}, id, undefined, {});
    if (typeof resolved !== 'string') throw new Error(`${id} did not resolve`);
    const result = await hook<[string], Promise<{ code: string } | null>>(plugin.load).call({ addWatchFile: (file: string) => watched.push(file) }, resolved);
    if (!result) throw new Error(`${id} did not load`);
    const module = (await import(`data:text/javascript;base64,${Buffer.from(result.code).toString('base64')}`)) as {
      default: { files: Record<string, string> };
    };
    return module.default;
  }

  it.each(['sequelize', 'mikro-orm'] as const)('serves virtual:playground-types/%s as the bundle', { timeout: TIMEOUT }, async (orm) => {
    const watched: string[] = [];
    const served = await load(playgroundTypesPlugin(), `virtual:playground-types/${orm}`, watched);
    expect(served.files).toEqual((await bundleOf(orm)).files);
    const adapter = orm === 'sequelize' ? 'sequelize-adapter' : 'mikro-orm-adapter';
    expect(watched).toContainEqual(expect.stringMatching(new RegExp(`packages/${adapter}/src/index\\.ts$`)));
  });

  it('leaves other ids alone', () => {
    const resolveId = hook<[string, string | undefined, object], string | null>(playgroundTypesPlugin().resolveId);
    expect(resolveId.call({}, 'virtual:playground-types/prisma', undefined, {})).toBeNull();
    expect(resolveId.call({}, 'sequelize', undefined, {})).toBeNull();
  });

  it("builds a bundle once, and again after its adapter's source changes", { timeout: TIMEOUT }, async () => {
    forgetTypeBundles(); // the bundles are cached per process: start from none
    const plugin = playgroundTypesPlugin();
    const watched: string[] = [];
    const before = typeBundleBuilds();
    const served = await load(plugin, 'virtual:playground-types/sequelize', watched);
    await load(plugin, 'virtual:playground-types/sequelize', watched);
    expect(typeBundleBuilds() - before).toBe(1);
    const source = watched.find((file) => file.endsWith('index.ts'));
    if (!source) throw new Error('no adapter source watched');
    await hook<[string, { event: string }], void>(plugin.watchChange).call({}, source, { event: 'update' });
    expect((await load(plugin, 'virtual:playground-types/sequelize', watched)).files).toEqual(served.files);
    expect(typeBundleBuilds() - before).toBe(2);
  });
});
