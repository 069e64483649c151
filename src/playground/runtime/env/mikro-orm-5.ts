import type { Adapter } from '@auth/core/adapters';
import { adapter as official, core, knex, versions } from '@adapter-lab/mikro-orm-5-runtime';
import type { OrmConnectors } from '../../../engine/engine.ts';
import type { ProvidedModule } from '../module-graph.ts';
import { maskUrl, namespace, sharedModule, type EnvironmentContext, type OrmEnvironment } from './environment.ts';
import { afterPreparation } from './prepared-adapter.ts';
import { withEngineSchemaOptions } from './schema-generator-options.ts';
import { MIKRO_ORM_5_DRIVERS, MIKRO_ORM_OFFICIAL_MODULE_NAMES, mikroOrm7Only, OFFICIAL_MIKRO_ORM_ADAPTER } from './mikro-orm-official-modules.ts';

/*
 * The published, unmodified @auth/mikro-orm-adapter on the MikroORM 5 it was written for, over
 * the run's database: the playground's "official" MikroORM implementation. The worker entries
 * make one environment per engine (mikro-orm-official-env.ts, mikro-orm-official-postgres-env.ts),
 * each with its own driver, so that a bundle carries only its own.
 */

type Options = core.Options;
type DriverClass = new (...args: never[]) => unknown;
/** The official adapter's second argument. */
type AdapterOptions = Parameters<typeof official.MikroOrmAdapter>[1];

/** The database MikroORM 5 runs on, as an environment module provides it. */
export interface MikroOrm5Database {
  readonly dialect: 'sqlite' | 'postgres';
  /** How notices name it: "SQLite (sql.js)". */
  readonly label: string;
  /** The driver the playground runs, and the package that exports it (its whole namespace, served under that name). */
  readonly Driver: DriverClass;
  readonly driverPackage: string;
  readonly packageExports: Readonly<Record<string, unknown>>;
  /** The options that connect the driver to the run's database (`dbName`, `driverOptions`, …). */
  connect(connectors: OrmConnectors): Partial<Options>;
}

const ADAPTER_DESCRIPTION = `MikroOrmAdapter from ${OFFICIAL_MIKRO_ORM_ADAPTER} ${versions.adapter}`;

/*
 * MikroORM 5's init() reads the app's files: its .env (dotenv), and the package.json of the
 * current directory to check that every @mikro-orm/* package there has core's version. The
 * playground has neither (in Node that directory is Adapter Lab's, whose MikroORM is 7, and the
 * check would refuse to start); the browser has no file system at all. Both are skipped, once,
 * on the shared ConfigurationLoader that the official adapter's MikroORM uses too.
 */
const loader = core.ConfigurationLoader as unknown as Record<string, unknown>;
loader['registerDotenv'] = () => {};
loader['checkPackageVersion'] = () => Promise.resolve(core.Utils.getORMVersion());
// Whether ts-node runs the app (to prefer `entitiesTs`): never here, the playground compiles the
// reader's TypeScript itself. MikroORM 5 asks `process.argv[0]`, which the browser lacks.
(core.Utils as unknown as Record<string, unknown>)['detectTsNode'] = () => false;

/** The database a MikroORM 5 `type`, a driver's name or a connection URL names, when one does. */
function askedDialect(name: unknown, clientUrl: string | undefined): 'sqlite' | 'postgres' | 'other' | undefined {
  const named = typeof name === 'string' ? name.toLowerCase() : clientUrl ? clientUrl.slice(0, Math.max(0, clientUrl.indexOf(':'))).toLowerCase() : '';
  if (!named) return undefined;
  if (/sqlite/.test(named)) return 'sqlite';
  if (/^postgres/.test(named)) return 'postgres';
  return 'other';
}

/** Options already pointed at the engine (their `driverOptions` object): converting them again changes nothing. */
type Converted = WeakSet<object>;

/**
 * The reader's MikroORM options pointed at the run's database: the environment's driver connected
 * to the engine, whatever `type`, driver, URL, host or database they name (they are told when it
 * is another database). Everything else is theirs (entities, debug, …). A copy: the reader's
 * object is never changed.
 */
function toEngine(options: Options | undefined, context: EnvironmentContext, converted: Converted, database: MikroOrm5Database): Options {
  const given = (options ?? {}) as Options;
  if (given.driverOptions && typeof given.driverOptions === 'object' && converted.has(given.driverOptions)) return given;
  const { type, driver, clientUrl, host, port, user: _user, password: _password, dbName, driverOptions: _driverOptions, pool: _pool, ...rest } = given;
  const asked: string[] = [];
  const askedDriver = typeof driver === 'function' ? (driver as DriverClass) : undefined;
  if (askedDriver && askedDriver !== database.Driver) asked.push(askedDriver.name);
  if (clientUrl) asked.push(maskUrl(clientUrl));
  else if (host) asked.push(`${host}${port ? `:${port}` : ''}`);
  if (database.dialect === 'sqlite' && dbName && dbName !== ':memory:' && !clientUrl) asked.push(`database ${maskUrl(dbName)}`);
  const dialect = askedDriver === database.Driver ? database.dialect : askedDialect(askedDriver?.name ?? type, clientUrl);
  // On SQLite only SQLite in memory is what runs (there are no files); on PostgreSQL any
  // PostgreSQL configuration is: its URL, host and database stand for the server PGlite replaces.
  const differs =
    database.dialect === 'sqlite' ? asked.length > 0 || (dialect !== undefined && dialect !== 'sqlite') : dialect !== undefined && dialect !== 'postgres';
  if (differs) {
    const what = asked.length > 0 ? asked.join(', ') : type ? `\`type: "${type}"\`` : 'another database';
    context.notice(`MikroORM was configured for ${what}: the playground runs it on ${database.label} in your browser instead.`);
  }
  const connection = database.connect(context.connectors());
  if (connection.driverOptions && typeof connection.driverOptions === 'object') converted.add(connection.driverOptions);
  return {
    ...rest,
    ...connection,
    // The connection's schema options (tables the engine keeps to itself) join the reader's.
    ...withEngineSchemaOptions(rest.schemaGenerator, connection.schemaGenerator),
    driver: database.Driver,
    // MikroORM 5's default logger is console.log bound when its module loaded, which bypasses
    // the console the playground captures per run: `debug: true` output belongs in the Console panel.
    logger: rest.logger ?? ((message: string) => console.log(message)),
    // No entity files to find or metadata cache to write in the browser: entities are classes.
    discovery: { ...rest.discovery, disableDynamicFileAccess: true },
  } as Options;
}

/** Entities as the official adapter registers them: the reader's, less those named like its four, plus its four (or the reader's replacements). */
function adapterEntities(options: Options, adapterOptions: AdapterOptions): NonNullable<Options['entities']> {
  const models = { ...official.defaultEntities, ...adapterOptions?.entities };
  // The adapter's own test, as written there: anything with a string `name` of one of its four.
  const mine = (options.entities ?? []).filter(
    (entity) =>
      !(
        typeof entity !== 'string' &&
        'name' in entity &&
        typeof entity.name === 'string' &&
        ['User', 'Account', 'Session', 'VerificationToken'].includes(entity.name)
      ),
  );
  return [...mine, models.User, models.Account, models.Session, models.VerificationToken] as NonNullable<Options['entities']>;
}

/**
 * The adapter never creates tables (an app runs migrations); an auth.ts pasted into the
 * playground has none to run. So before the adapter's first call, the tables its entities need
 * and the database lacks are created with MikroORM's schema generator, and the reader is told.
 * Existing tables are left alone.
 */
function withTables(adapter: Adapter, options: Options, adapterOptions: AdapterOptions, context: EnvironmentContext): Adapter {
  const ensure = async (): Promise<void> => {
    const orm = await core.MikroORM.init({ ...options, entities: adapterEntities(options, adapterOptions) });
    try {
      const generator = orm.getSchemaGenerator() as unknown as {
        getUpdateSchemaSQL(options: { safe: boolean }): Promise<string>;
        updateSchema(options: { safe: boolean }): Promise<void>;
      };
      if ((await generator.getUpdateSchemaSQL({ safe: true })).trim()) {
        await generator.updateSchema({ safe: true });
        context.notice(
          "MikroOrmAdapter never creates tables; your app's migrations do. The playground created the missing ones before the adapter's first call, with MikroORM's schema generator (orm.getSchemaGenerator().updateSchema()).",
        );
      }
    } finally {
      await orm.close();
    }
  };
  return afterPreparation(adapter, ensure);
}

/** MikroORM 5's MikroORM class whose instances always use the run's database, by `new` and by `init()` (which constructs the base class itself). */
function playgroundOrm(context: EnvironmentContext, converted: Converted, database: MikroOrm5Database): typeof core.MikroORM {
  const convert = (options: unknown): unknown =>
    options instanceof core.Configuration ? options : toEngine(options as Options | undefined, context, converted, database);
  const Base = core.MikroORM as unknown as {
    new (options: unknown): core.MikroORM;
    init(options?: unknown, connect?: boolean): Promise<core.MikroORM>;
  };
  const Orm = class MikroORM extends Base {
    static override init(options?: unknown, connect?: boolean): Promise<core.MikroORM> {
      return Base.init(convert(options), connect);
    }
    constructor(options: unknown) {
      super(convert(options));
    }
  };
  return Orm as unknown as typeof core.MikroORM;
}

/**
 * The driver classes served: the one that runs under its own name, and every other MikroORM 5
 * driver as a named subclass of it, so that a config naming one runs here and the notice can
 * say what was asked.
 */
function driverClasses(database: MikroOrm5Database): Readonly<Record<string, DriverClass>> {
  const own = MIKRO_ORM_5_DRIVERS.find(({ specifier }) => specifier === database.driverPackage)?.driver;
  return Object.fromEntries(
    MIKRO_ORM_5_DRIVERS.map(({ driver }) => [
      driver,
      driver === own
        ? database.Driver
        : Object.defineProperty(class extends (database.Driver as new (...args: never[]) => object) {}, 'name', { value: driver }),
    ]),
  );
}

/** The official MikroORM implementation on `database`. */
export function createMikroOrm5Environment(database: MikroOrm5Database): OrmEnvironment {
  const DRIVERS = driverClasses(database);
  return {
    orm: 'mikro-orm',
    versions: { orm: `MikroORM ${versions.mikroOrm}`, adapter: `${OFFICIAL_MIKRO_ORM_ADAPTER} ${versions.adapter}`, database: '' },
    explain: mikroOrm7Only,
    modules(context) {
      const converted: Converted = new WeakSet();
      const MikroORM = playgroundOrm(context, converted, database);

      function MikroOrmAdapter(options: Options, adapterOptions?: AdapterOptions): Adapter {
        const connected = toEngine(options, context, converted, database);
        // The adapter writes its entity list into the options it is given: a copy of its own.
        const adapter = official.MikroOrmAdapter({ ...connected }, adapterOptions) as Adapter;
        return context.track(withTables(adapter, connected, adapterOptions, context), ADAPTER_DESCRIPTION);
      }

      const coreNamespace = namespace({ ...core, MikroORM });
      const knexNamespace = namespace({ ...knex, MikroORM });
      const databasePackage = namespace({ ...knex, ...database.packageExports, ...DRIVERS, MikroORM });

      const modules = new Map<string, ProvidedModule>();
      for (const { specifier, redirect } of MIKRO_ORM_OFFICIAL_MODULE_NAMES) {
        let provided: Readonly<Record<string, unknown>>;
        let said = redirect;
        if (specifier === '@mikro-orm/core') provided = coreNamespace;
        else if (specifier === '@mikro-orm/knex') provided = knexNamespace;
        else if (specifier === OFFICIAL_MIKRO_ORM_ADAPTER) provided = namespace({ ...official, MikroOrmAdapter });
        else if (MIKRO_ORM_5_DRIVERS.some((driver) => driver.specifier === specifier)) {
          provided = databasePackage;
          if (specifier !== database.driverPackage)
            said = `The playground serves ${database.driverPackage} for ${specifier}: every driver it exports runs on ${database.label} in your browser.`;
        } else provided = sharedModule(specifier) ?? namespace({});
        modules.set(specifier, said ? { namespace: provided, redirect: said } : { namespace: provided });
      }
      return modules;
    },
  };
}
