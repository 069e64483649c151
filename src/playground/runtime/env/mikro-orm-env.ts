// The legacy decorators read TypeScript's `design:type` metadata through Reflect.getMetadata.
import 'reflect-metadata';
import type { Adapter } from '@auth/core/adapters';
import type { OrmConnectors } from '../../../engine/engine.ts';
import * as core from '@mikro-orm/core';
import * as legacy from '@mikro-orm/decorators/legacy';
import * as sql from '@mikro-orm/sql';
import * as adapterModule from '@adapter-lab/mikro-orm-adapter';
import adapterPackage from '../../../../packages/mikro-orm-adapter/package.json' with { type: 'json' };
import { ormOptions, resolveEntities } from '../../../../packages/mikro-orm-adapter/src/config.ts';
import { MIKRO_ORM_CORE_DECORATOR_HINT, MODULE_NAMES } from '../../module-names.ts';
import { ormEntry } from '../../orm-registry.ts';
import type { ProvidedModule } from '../module-graph.ts';
import { maskUrl, namespace, sharedModule, type EnvironmentContext, type OrmEnvironment } from './environment.ts';
import { afterPreparation } from './prepared-adapter.ts';
import { withEngineSchemaOptions } from './schema-generator-options.ts';

type Options = adapterModule.MikroOrmOptions;
type OrmClass = typeof core.MikroORM;
type DriverClass = typeof sql.SqliteDriver;

/**
 * The database MikroORM runs on, as a worker entry provides it (so that each worker's bundle
 * holds only its own driver): its driver class and package, and the options that connect that
 * driver to the engine's database.
 */
export interface MikroOrmDatabase {
  readonly dialect: 'sqlite' | 'postgres';
  /** How notices name it: "SQLite (sql.js)". */
  readonly label: string;
  /** The driver the playground runs, and the package that exports it. */
  readonly Driver: DriverClass;
  readonly driverPackage: string;
  /** The rest of that package's exports (PostgreSqlMikroORM, …), served with it. */
  readonly packageExports: Readonly<Record<string, unknown>>;
  /** The options that connect the driver to the run's database. */
  connect(connectors: OrmConnectors): Partial<Options>;
}

const SQLITE: MikroOrmDatabase = {
  dialect: 'sqlite',
  label: 'SQLite (sql.js)',
  Driver: sql.SqliteDriver,
  driverPackage: '@mikro-orm/sqlite',
  packageExports: {},
  connect(connectors) {
    if (connectors.dialect !== 'sqlite') throw new Error('The SQLite MikroORM environment needs the sql.js engine.');
    return { dbName: ':memory:', driverOptions: connectors.kysely() };
  },
};

/** The database packages (the registry's) and the driver class each exports. */
const DRIVER_PACKAGES: Readonly<Record<string, string>> = Object.fromEntries(ormEntry('mikro-orm').drivers.map(({ specifier, driver }) => [specifier, driver]));

/**
 * Each driver class the playground serves: its own driver under its name, and the others as
 * named subclasses of it, so notices can say what was asked; BetterSqliteDriver (MikroORM 6's
 * better-sqlite driver) by name too, though no package here exports it.
 */
function driverClasses(database: MikroOrmDatabase): Readonly<Record<string, DriverClass>> {
  const own = database.Driver.name === 'SqliteDriver' || database.Driver === sql.SqliteDriver ? 'SqliteDriver' : DRIVER_PACKAGES[database.driverPackage]!;
  const names = new Set(['SqliteDriver', 'BetterSqliteDriver', ...Object.values(DRIVER_PACKAGES)]);
  return Object.fromEntries(
    [...names].map((name) => [name, name === own ? database.Driver : Object.defineProperty(class extends database.Driver {}, 'name', { value: name })]),
  );
}

/** The database a driver name, a MikroORM 5 `type` or a connection URL names, when one does. */
function askedDialect(name: unknown, clientUrl: string | undefined): 'sqlite' | 'postgres' | 'other' | undefined {
  const named = typeof name === 'string' ? name.toLowerCase() : clientUrl ? clientUrl.slice(0, Math.max(0, clientUrl.indexOf(':'))).toLowerCase() : '';
  if (!named) return undefined;
  if (/sqlite|libsql/.test(named)) return 'sqlite';
  if (/^postgres|^postgresql/.test(named)) return 'postgres';
  return 'other';
}

/**
 * The reader's MikroORM options, pointed at the run's database: the environment's driver,
 * connected to the engine, whatever driver, `type`, URL or host they name (they are told when it
 * is another database); the reflect metadata provider unless they chose one (the docs' entities
 * rely on decorator metadata). A copy: the reader's object is never changed.
 */
function toEngine(options: Options | undefined, context: EnvironmentContext, converted: WeakSet<object>, database: MikroOrmDatabase): Options {
  const given = (options ?? {}) as Options & { type?: unknown; driverOptions?: unknown };
  if (given.driverOptions && typeof given.driverOptions === 'object' && converted.has(given.driverOptions)) return given;
  const {
    type,
    driver,
    clientUrl,
    host,
    port,
    user,
    password,
    dbName,
    driverOptions: _driverOptions,
    pool: _pool,
    ...rest
  } = given as Options & { type?: unknown };
  const asked: string[] = [];
  if (type !== undefined) {
    context.notice(
      `MikroORM 7 has no \`type: "${String(type)}"\` option (MikroORM 5/6 had): a real app writes \`driver: …\` with the driver class of its @mikro-orm/<database> package. The playground ignores it.`,
    );
  }
  // By identity, not by name: the production build minifies the driver classes' names.
  const askedDriver = typeof driver === 'function' ? driver : undefined;
  if (askedDriver && askedDriver !== database.Driver) asked.push(askedDriver.name);
  if (clientUrl) asked.push(maskUrl(clientUrl));
  else if (host) asked.push(`${host}${port ? `:${port}` : ''}`);
  if (dbName && dbName !== ':memory:' && !clientUrl) asked.push(`database ${dbName}`);
  const dialect = askedDriver === database.Driver ? database.dialect : askedDialect(askedDriver?.name ?? type, clientUrl);
  // On SQLite, only SQLite in memory is what runs (there are no files); on PostgreSQL, any
  // PostgreSQL configuration is: its URL, host and database stand for the server PGlite replaces.
  const differs =
    database.dialect === 'sqlite' ? asked.length > 0 || (dialect !== undefined && dialect !== 'sqlite') : dialect !== undefined && dialect !== 'postgres';
  if (differs) {
    const what = asked.length > 0 ? asked.join(', ') : typeof type === 'string' ? `\`type: "${type}"\`` : 'another database';
    context.notice(
      database.dialect === 'sqlite'
        ? `MikroORM was configured for ${what}: the playground runs it on ${database.label} in your browser instead. Choose PostgreSQL as the database to run it on PostgreSQL.`
        : `MikroORM was configured for ${what}: the playground runs it on ${database.label} in your browser instead, as chosen above.`,
    );
  }
  void user;
  void password;
  const connection = database.connect(context.connectors());
  if (connection.driverOptions && typeof connection.driverOptions === 'object') converted.add(connection.driverOptions);
  return {
    ...rest,
    ...connection,
    ...withEngineSchemaOptions(rest.schemaGenerator, connection.schemaGenerator),
    driver: database.Driver,
    metadataProvider: rest.metadataProvider ?? legacy.ReflectMetadataProvider,
  } as Options;
}

/**
 * The adapter never creates tables (an app runs migrations); an auth.ts pasted into the
 * playground has none to run. So before the adapter's first call, the tables its entities
 * need and the database lacks are created with MikroORM's schema generator, and the reader is
 * told. Existing tables are left alone (the built-in examples create theirs themselves).
 */
function withTables(
  adapter: Adapter,
  options: Options,
  adapterOptions: adapterModule.MikroOrmAdapterOptions | undefined,
  context: EnvironmentContext,
): Adapter {
  const ensure = async (): Promise<void> => {
    const entities = resolveEntities(options.entities ?? [], adapterOptions?.entities);
    const custom = entities.User === adapterModule.defaultEntities.User ? undefined : entities.User;
    const orm = await adapterModule.withUserEntity(custom as never, () => core.MikroORM.init(ormOptions(options, entities)));
    try {
      const missing = await orm.schema.getUpdateSchemaSQL({ safe: true });
      if (missing.trim()) {
        await orm.schema.update({ safe: true });
        context.notice(
          "MikroOrmAdapter never creates tables; your app's migrations do. The playground created the missing ones before the adapter's first call, with MikroORM's schema generator (orm.schema.update()).",
        );
      }
    } finally {
      await orm.close();
    }
  };
  return afterPreparation(adapter, ensure);
}

/** A MikroORM class (core's, or @mikro-orm/sql's) whose instances always use the run's database. */
function playgroundOrm(Base: OrmClass, context: EnvironmentContext, converted: WeakSet<object>, database: MikroOrmDatabase): OrmClass {
  // `init()` constructs with `new this(options)`, so the constructor is the one place to convert.
  const Constructor = Base as unknown as new (options: unknown) => core.MikroORM;
  const Orm = class MikroORM extends Constructor {
    constructor(options: Options) {
      super(toEngine(options, context, converted, database));
    }
  };
  return Orm as unknown as OrmClass;
}

/** MikroORM's playground on `database`: the worker entries make one per engine. */
export function createMikroOrmEnvironment(database: MikroOrmDatabase): OrmEnvironment {
  const DRIVERS = driverClasses(database);
  return {
    orm: 'mikro-orm',
    versions: { orm: `MikroORM ${core.Utils.getORMVersion()}`, adapter: `${adapterPackage.name} ${adapterPackage.version}`, database: '' },
    modules(context) {
      const converted = new WeakSet<object>();
      const CoreOrm = playgroundOrm(core.MikroORM, context, converted, database);
      const SqlOrm = playgroundOrm(sql.SqlMikroORM as unknown as OrmClass, context, converted, database);

      function MikroOrmAdapter(options: Options | core.MikroORM, adapterOptions?: adapterModule.MikroOrmAdapterOptions): Adapter {
        if (options instanceof core.MikroORM)
          return context.track(adapterModule.MikroOrmAdapter(options, adapterOptions), 'MikroOrmAdapter from @adapter-lab/mikro-orm-adapter');
        const connected = toEngine(options, context, converted, database);
        return context.track(
          withTables(adapterModule.MikroOrmAdapter(connected, adapterOptions), connected, adapterOptions, context),
          'MikroOrmAdapter from @adapter-lab/mikro-orm-adapter',
        );
      }
      const adapter = namespace({ ...adapterModule, MikroOrmAdapter });

      // Older snippets import the decorators from @mikro-orm/core: accepted, with the hint once.
      const decorators: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(legacy)) {
        if (key in core || key === 'ReflectMetadataProvider' || typeof value !== 'function') continue;
        decorators[key] = (...args: unknown[]) => {
          context.notice(MIKRO_ORM_CORE_DECORATOR_HINT);
          return (value as (...args: unknown[]) => unknown)(...args);
        };
      }
      const coreNamespace = namespace({ ...core, ...decorators, MikroORM: CoreOrm });
      const sqlNamespace = namespace({ ...sql, MikroORM: SqlOrm, SqlMikroORM: SqlOrm, ...DRIVERS });
      const databasePackage = (name: string): Readonly<Record<string, unknown>> =>
        namespace({
          ...sqlNamespace,
          ...(name === database.driverPackage ? { ...database.packageExports, MikroORM: SqlOrm } : {}),
          [DRIVER_PACKAGES[name] ?? 'SqliteDriver']: DRIVERS[DRIVER_PACKAGES[name] ?? 'SqliteDriver'],
          // The packages' defineConfig presets their driver (here the named stand-ins of the one that runs).
          defineConfig: (options: Options) => ({ driver: DRIVERS[DRIVER_PACKAGES[name] ?? 'SqliteDriver'], ...options }),
        });

      const modules = new Map<string, ProvidedModule>();
      for (const { specifier, redirect } of MODULE_NAMES['mikro-orm']) {
        let provided: Readonly<Record<string, unknown>>;
        if (specifier === '@mikro-orm/core') provided = coreNamespace;
        else if (specifier === '@mikro-orm/sql') provided = sqlNamespace;
        else if (specifier.startsWith('@mikro-orm/decorators/')) provided = namespace({ ...legacy });
        else if (specifier in DRIVER_PACKAGES) provided = databasePackage(specifier);
        else if (specifier.endsWith('mikro-orm-adapter')) provided = adapter;
        else provided = sharedModule(specifier) ?? namespace({});
        // The database packages' words depend on the engine: on PostgreSQL, @mikro-orm/postgresql is itself.
        const said =
          specifier in DRIVER_PACKAGES && database.dialect !== 'sqlite'
            ? specifier === database.driverPackage
              ? undefined
              : `The playground serves ${database.driverPackage} for ${specifier}: every driver it exports runs on ${database.label} in your browser.`
            : redirect;
        modules.set(specifier, said ? { namespace: provided, redirect: said } : { namespace: provided });
      }
      return modules;
    },
  };
}

/** MikroORM on SQLite (sql.js). */
export const mikroOrmEnvironment: OrmEnvironment = createMikroOrmEnvironment(SQLITE);
