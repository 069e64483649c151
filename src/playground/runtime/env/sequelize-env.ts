import type { Adapter } from '@auth/core/adapters';
import * as sequelizeModule from 'sequelize';
import { Sequelize as RealSequelize, type Options } from 'sequelize';
import * as adapterModule from '@adapter-lab/sequelize-adapter';
import { pristineData } from './pristine-data.ts';
import adapterPackage from '../../../../packages/sequelize-adapter/package.json' with { type: 'json' };
import { MODULE_NAMES } from '../../module-names.ts';
import type { ProvidedModule } from '../module-graph.ts';
import { maskUrl, namespace, sharedModule, type EnvironmentContext, type OrmEnvironment } from './environment.ts';

const DIALECT_NAMES: Readonly<Record<string, string>> = {
  postgres: 'PostgreSQL',
  postgresql: 'PostgreSQL',
  mysql: 'MySQL',
  mariadb: 'MariaDB',
  mssql: 'SQL Server',
  sqlite: 'SQLite',
  db2: 'Db2',
  snowflake: 'Snowflake',
  oracle: 'Oracle',
};

/**
 * What the reader's `new Sequelize(…)` asked for: its options and a description of the database,
 * or undefined when it asked for what it gets (SQLite in memory). Sequelize 6 reads
 * `(uri)`, `(uri, options)`, `(options)` and `(database, username, password?, options?)`.
 */
interface Asked {
  readonly options: Options;
  /** The dialect asked for (`postgresql:` URLs are `postgres`), or undefined for SQLite in memory, which names none. */
  readonly dialect: string | undefined;
  /** The database as the reader's code names it, for notices. */
  readonly description: string;
}

function readArguments(args: readonly unknown[]): Asked {
  const options = (args.findLast((arg) => arg !== null && typeof arg === 'object') ?? {}) as Options;
  const [first] = args;
  const isUri = typeof first === 'string' && (args.length === 1 || (args.length === 2 && typeof args[1] === 'object'));
  if (isUri) {
    const protocol = first.slice(0, Math.max(0, first.indexOf(':'))).toLowerCase();
    if (protocol === 'sqlite') {
      const storage = first.replace(/^sqlite:(\/\/)?/i, '');
      return storage === ':memory:' || storage === ''
        ? { options, dialect: 'sqlite', description: 'SQLite in memory' }
        : { options, dialect: 'sqlite', description: `the SQLite file ${storage}` };
    }
    const dialect = protocol === 'postgresql' ? 'postgres' : protocol;
    return { options, dialect, description: `${DIALECT_NAMES[protocol] ?? (protocol || 'an unknown database')} (${maskUrl(first)})` };
  }
  const dialect = options.dialect ?? (typeof first === 'string' ? 'mysql' : undefined); // Sequelize's own default
  if (!dialect || dialect === 'sqlite') {
    const storage = options.storage;
    return { options, dialect, description: storage && storage !== ':memory:' ? `the SQLite file ${storage}` : 'SQLite in memory' };
  }
  const host = options.host ? ` on ${options.host}${options.port ? `:${options.port}` : ''}` : '';
  const database = typeof first === 'string' ? ` (database ${first})` : options.database ? ` (database ${options.database})` : '';
  return { options, dialect, description: `${DIALECT_NAMES[dialect] ?? dialect}${host}${database}` };
}

/** What the reader is told when their configuration names another database than the one the playground runs; undefined when it names this one. */
function mismatch(asked: Asked, engine: 'sqlite' | 'postgres'): string | undefined {
  if (engine === 'sqlite') {
    // SQLite in memory is what runs; a file is not (there is no file system).
    if ((asked.dialect === undefined || asked.dialect === 'sqlite') && asked.description === 'SQLite in memory') return undefined;
    return `Sequelize was configured for ${asked.description}: the playground runs it on SQLite (sql.js) in your browser instead. Choose PostgreSQL as the database to run it on PostgreSQL.`;
  }
  if (asked.dialect === 'postgres') return undefined;
  return `Sequelize was configured for ${asked.description}: the playground runs it on PostgreSQL (PGlite) in your browser instead, as chosen above.`;
}

/**
 * The playground's Sequelize: the real one, connected to the run's database (sql.js, or PGlite
 * through the real `pg` module) whatever its arguments name (a connection URL, a dialect and
 * host, a SQLite file); the reader is told when they name another database.
 */
function playgroundSequelize(context: EnvironmentContext): typeof RealSequelize {
  return class Sequelize extends RealSequelize {
    constructor(...args: unknown[]) {
      const asked = readArguments(args);
      const connection = context.connectors().sequelize();
      const {
        host: _host,
        port: _port,
        replication: _replication,
        dialectOptions,
        database: _database,
        username: _username,
        password: _password,
        storage: _storage,
        ...rest
      } = asked.options;
      // A PostgreSQL configuration's dialectOptions (application_name, statement_timeout, …) mean the same here.
      const kept = connection.dialect === 'postgres' && asked.dialect === 'postgres' && dialectOptions ? { dialectOptions } : {};
      super({ ...rest, ...kept, ...connection, ...(connection.dialect === 'sqlite' ? { storage: ':memory:' } : {}) });
      const notice = mismatch(asked, connection.dialect);
      if (notice) context.notice(notice);
    }
  };
}

/** The adapter package an environment serves for the official name, and how it is named. */
export interface SequelizeAdapterPackage {
  /** The module as imported: its default export is `SequelizeAdapter(client, options)`. */
  readonly module: Readonly<Record<string, unknown>> & { readonly default: (client: RealSequelize, options?: never) => Adapter };
  readonly name: string;
  readonly version: string;
}

/**
 * Sequelize's playground with `official` served for `@auth/sequelize-adapter` (our adapter
 * otherwise, under its own name as well, with the redirect notice).
 */
export function sequelizeEnvironmentWith(official?: SequelizeAdapterPackage): OrmEnvironment {
  const ours: SequelizeAdapterPackage = {
    module: adapterModule as SequelizeAdapterPackage['module'],
    name: adapterPackage.name,
    version: adapterPackage.version,
  };
  const served = official ?? ours;
  // Recorded now, before any run defines a model from the packages' exported `models`.
  const restorePackages = pristineData([ours.module, official?.module]);
  return {
    orm: 'sequelize',
    versions: {
      orm: `Sequelize ${(RealSequelize as unknown as { version: string }).version}`,
      adapter: `${served.name} ${served.version}`,
      database: '',
    },
    beforeRun: restorePackages,
    modules(context) {
      const Sequelize = playgroundSequelize(context);
      // Sequelize is CommonJS: its exports are the static members of the Sequelize class.
      const statics: Record<string, unknown> = {};
      for (const key of Object.getOwnPropertyNames(RealSequelize)) {
        if (!['length', 'name', 'prototype', 'caller', 'arguments'].includes(key)) statics[key] = (RealSequelize as unknown as Record<string, unknown>)[key];
      }
      for (const [key, value] of Object.entries(sequelizeModule)) if (key !== 'default') statics[key] ??= value;
      const sequelize = namespace({ ...statics, Sequelize, default: Sequelize });

      const tracked = ({ module, name, version }: SequelizeAdapterPackage) => {
        function SequelizeAdapter(client: RealSequelize, options?: never): Adapter {
          return context.track(module.default(client, options), `SequelizeAdapter from ${name} ${version}`);
        }
        return namespace({ ...module, default: SequelizeAdapter });
      };
      const oursModule = tracked(ours);
      const officialModule = official ? tracked(official) : oursModule;

      const modules = new Map<string, ProvidedModule>();
      for (const { specifier, redirect } of MODULE_NAMES.sequelize) {
        if (specifier === 'sequelize') modules.set(specifier, { namespace: sequelize });
        else if (specifier === adapterPackage.name)
          modules.set(
            specifier,
            official
              ? {
                  namespace: oursModule,
                  redirect: `${adapterPackage.name} is this site's adapter and runs as imported: "@auth (official)" runs ${official.name} for imports of that name.`,
                }
              : { namespace: oursModule },
          );
        else if (specifier.endsWith('sequelize-adapter'))
          modules.set(specifier, official ? { namespace: officialModule } : { namespace: oursModule, ...(redirect ? { redirect } : {}) });
        else {
          const provided = sharedModule(specifier) ?? namespace({});
          modules.set(specifier, redirect ? { namespace: provided, redirect } : { namespace: provided });
        }
      }
      return modules;
    },
  };
}

/** Sequelize with our adapter, for both names. */
export const sequelizeEnvironment: OrmEnvironment = sequelizeEnvironmentWith();
