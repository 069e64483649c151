// The legacy decorators read TypeScript's `design:type` metadata through Reflect.getMetadata.
import 'reflect-metadata';
import type { Adapter } from '@auth/core/adapters';
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

type Options = adapterModule.MikroOrmOptions;
type OrmClass = typeof core.MikroORM;

const { SqliteDriver } = sql;

/** The database packages (the registry's) and the driver class each exports. */
const DRIVER_PACKAGES: Readonly<Record<string, string>> = Object.fromEntries(ormEntry('mikro-orm').drivers.map(({ specifier, driver }) => [specifier, driver]));

/**
 * Each driver class @mikro-orm/sql serves: a named SqliteDriver, so notices can say what was
 * asked; BetterSqliteDriver (MikroORM 6's better-sqlite driver) by name too, though no package here exports it.
 */
const DRIVERS: Readonly<Record<string, typeof SqliteDriver>> = Object.fromEntries(
  ['SqliteDriver', 'BetterSqliteDriver', ...Object.values(DRIVER_PACKAGES).filter((name) => name !== 'SqliteDriver')].map((name) => [
    name,
    name === 'SqliteDriver' ? SqliteDriver : Object.defineProperty(class extends SqliteDriver {}, 'name', { value: name }),
  ]),
);

/**
 * The reader's MikroORM options, pointed at the run's sql.js database: the SQLite driver over
 * the engine's kysely dialect, whatever driver, `type`, URL or host they name; the reflect
 * metadata provider unless they chose one (the docs' entities rely on decorator metadata).
 * A copy: the reader's object is never changed.
 */
function toSqlite(options: Options | undefined, context: EnvironmentContext, converted: WeakSet<object>): Options {
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
  // By identity, not by name: the production build minifies SqliteDriver's class name.
  if (typeof driver === 'function' && driver !== SqliteDriver) asked.push(driver.name);
  if (clientUrl) asked.push(maskUrl(clientUrl));
  else if (host) asked.push(`${host}${port ? `:${port}` : ''}`);
  if (dbName && dbName !== ':memory:' && !clientUrl) asked.push(`database ${dbName}`);
  if (asked.length > 0) context.notice(`MikroORM was configured for ${asked.join(', ')}: the playground runs it on SQLite (sql.js) in your browser instead.`);
  void user;
  void password;
  const connectors = context.connectors();
  if (connectors.dialect !== 'sqlite') throw new Error('This MikroORM environment runs on SQLite only.');
  const dialect = connectors.kysely();
  converted.add(dialect);
  return {
    ...rest,
    driver: SqliteDriver,
    dbName: ':memory:',
    driverOptions: dialect,
    metadataProvider: rest.metadataProvider ?? legacy.ReflectMetadataProvider,
  };
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
  let ready: Promise<void> | undefined;
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
  const wrapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(adapter)) {
    wrapped[key] =
      typeof value !== 'function'
        ? value
        : async (...args: unknown[]) => {
            await (ready ??= ensure().catch((error: unknown) => {
              ready = undefined;
              throw error;
            }));
            return (value as (...a: unknown[]) => unknown).apply(adapter, args);
          };
  }
  return wrapped as Adapter;
}

/** A MikroORM class (core's, or @mikro-orm/sql's) whose instances always use the run's database. */
function playgroundOrm(Base: OrmClass, context: EnvironmentContext, converted: WeakSet<object>): OrmClass {
  // `init()` constructs with `new this(options)`, so the constructor is the one place to convert.
  const Constructor = Base as unknown as new (options: unknown) => core.MikroORM;
  const Orm = class MikroORM extends Constructor {
    constructor(options: Options) {
      super(toSqlite(options, context, converted));
    }
  };
  return Orm as unknown as OrmClass;
}

export const mikroOrmEnvironment: OrmEnvironment = {
  orm: 'mikro-orm',
  versions: { orm: `MikroORM ${core.Utils.getORMVersion()}`, adapter: `${adapterPackage.name} ${adapterPackage.version}`, database: '' },
  modules(context) {
    const converted = new WeakSet<object>();
    const CoreOrm = playgroundOrm(core.MikroORM, context, converted);
    const SqlOrm = playgroundOrm(sql.SqlMikroORM as unknown as OrmClass, context, converted);

    function MikroOrmAdapter(options: Options | core.MikroORM, adapterOptions?: adapterModule.MikroOrmAdapterOptions): Adapter {
      if (options instanceof core.MikroORM)
        return context.track(adapterModule.MikroOrmAdapter(options, adapterOptions), 'MikroOrmAdapter from @adapter-lab/mikro-orm-adapter');
      const sqlite = toSqlite(options, context, converted);
      return context.track(
        withTables(adapterModule.MikroOrmAdapter(sqlite, adapterOptions), sqlite, adapterOptions, context),
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
    const sqlNamespace = namespace({ ...sql, MikroORM: SqlOrm, SqlMikroORM: SqlOrm, ...DRIVERS, SqliteDriver });
    const databasePackage = (name: string): Readonly<Record<string, unknown>> =>
      namespace({
        ...sqlNamespace,
        [DRIVER_PACKAGES[name] ?? 'SqliteDriver']: DRIVERS[DRIVER_PACKAGES[name] ?? 'SqliteDriver'],
        // The packages' defineConfig presets their driver; here every driver is SQLite.
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
      modules.set(specifier, redirect ? { namespace: provided, redirect } : { namespace: provided });
    }
    return modules;
  },
};
