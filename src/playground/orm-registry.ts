/**
 * The ORMs the playground runs: one entry each, and every other place reads this table — the
 * build plugins, the page and its inline early-boot script, the runtime's module map, the
 * editor's type bundles and the tests. Plain data with no imports, so that Node (build), the
 * page and the inline script can all read it without pulling in an ORM.
 *
 * Adding an ORM: its adapter package (packages/), its environment (runtime/env/), its worker
 * entry (sandbox/), its default example (examples/) and an entry here; the README's
 * "Adding an ORM" lists them, and tests/unit/playground/orm-registry.test.ts checks that they
 * agree with this table.
 */

import type { EngineId } from './engine-registry.ts';
import type { ImplementationId } from './implementation-registry.ts';

/** A module the reader's code can import: its specifier, and what the reader is told when the playground serves something else for it. */
export interface ModuleName {
  readonly specifier: string;
  /** Shown when the code imports it: what the playground serves instead and why. */
  readonly redirect?: string;
}

/** Where an ORM environment is: its module in runtime/env/ (without `.ts`) and its export. */
export interface EnvironmentName {
  readonly module: string;
  readonly export: string;
}

/** A database package of the ORM and the driver class it exports (MikroORM's `@mikro-orm/postgresql` → `PostgreSqlDriver`). */
export interface DriverPackage {
  readonly specifier: string;
  readonly driver: string;
}

export interface OrmEntry {
  readonly id: string;
  /** The ORM's name on the page, in notices and in Markdown for issues. */
  readonly label: string;
  /**
   * Our adapter's package, its workspace folder under packages/, the official package that
   * names the same API, and what the reader is told when their code imports the official one.
   */
  readonly adapter: { readonly package: string; readonly workspace: string; readonly official: string; readonly officialRedirect: string };
  /**
   * The worker entry of each database engine (engine-registry.ts): its file name in sandbox/
   * without `.ts` (also the prefix of its built file). One per engine, so each bundle holds only
   * its own engine.
   */
  readonly workers: { readonly sqlite: string; readonly postgres: string };
  /**
   * The ORM's environment on each engine (runtime/env/): the module's file name without `.ts`, and
   * the export the engine's worker entry starts.
   */
  readonly environments: { readonly sqlite: EnvironmentName; readonly postgres: EnvironmentName };
  /**
   * The official adapter package's runtime (implementation-registry.ts `official`): the published
   * package, unmodified, on the ORM major it supports (`on`). Its worker per engine, as `workers`;
   * an engine without one cannot run it yet, and the page says so.
   */
  readonly officialRuntime: {
    readonly on: string;
    /**
     * Whether the editor types the official package with its own declarations (a type bundle
     * patch over the ORM's, editor/types/): true where it runs on the ORM major ours runs on.
     */
    readonly typed: boolean;
    readonly workers: { readonly sqlite?: string; readonly postgres?: string };
    readonly environments: { readonly sqlite?: EnvironmentName; readonly postgres?: EnvironmentName };
  };
  /** The virtual module the editor imports this ORM's type declarations from (editor/types/vite-plugin.ts serves it). */
  readonly typeBundle: string;
  /** The example a page opens for this ORM (an `examples/` folder whose example.json says `"default": true`). */
  readonly defaultExample: string;
  /**
   * The ORM's own packages the reader's code may import (before its database packages and the
   * adapter, which follow from `drivers` and `adapter`). The runtime's module map serves
   * exactly these and the editor's type bundle declares exactly these (module-names.ts).
   */
  readonly modules: readonly ModuleName[];
  /** The database packages the reader's code may import; each is served by the playground's engine. */
  readonly drivers: readonly DriverPackage[];
  /** The package each database package is served as (its module is the driver package's, with the SQLite driver under the driver's name). */
  readonly driversServedAs?: string;
}

export const ORMS = [
  {
    id: 'sequelize',
    label: 'Sequelize',
    adapter: {
      package: '@adapter-lab/sequelize-adapter',
      workspace: 'sequelize-adapter',
      official: '@auth/sequelize-adapter',
      officialRedirect:
        'The playground serves @adapter-lab/sequelize-adapter for @auth/sequelize-adapter: the same API and tables (see "Migrating from @auth/sequelize-adapter" in the docs). Choose "@auth (official)" above to run the published package.',
    },
    workers: { sqlite: 'sequelize.worker', postgres: 'sequelize-postgres.worker' },
    environments: {
      sqlite: { module: 'sequelize-env', export: 'sequelizeEnvironment' },
      postgres: { module: 'sequelize-env', export: 'sequelizeEnvironment' },
    },
    officialRuntime: {
      on: 'Sequelize 6',
      typed: true,
      workers: { sqlite: 'sequelize-official.worker', postgres: 'sequelize-official-postgres.worker' },
      environments: {
        sqlite: { module: 'sequelize-official-env', export: 'sequelizeOfficialEnvironment' },
        postgres: { module: 'sequelize-official-env', export: 'sequelizeOfficialEnvironment' },
      },
    },
    typeBundle: 'virtual:playground-types/sequelize',
    defaultExample: 'sequelize-sign-in',
    modules: [{ specifier: 'sequelize' }],
    drivers: [],
  },
  {
    id: 'mikro-orm',
    label: 'MikroORM',
    adapter: {
      package: '@adapter-lab/mikro-orm-adapter',
      workspace: 'mikro-orm-adapter',
      official: '@auth/mikro-orm-adapter',
      officialRedirect:
        'The playground serves @adapter-lab/mikro-orm-adapter for @auth/mikro-orm-adapter: the same API and tables, on MikroORM 7. Choose "@auth (official)" above to run the published package on MikroORM 5.',
    },
    workers: { sqlite: 'mikro-orm.worker', postgres: 'mikro-orm-postgres.worker' },
    environments: {
      sqlite: { module: 'mikro-orm-env', export: 'mikroOrmEnvironment' },
      postgres: { module: 'mikro-orm-postgres-env', export: 'mikroOrmPostgresEnvironment' },
    },
    officialRuntime: {
      on: 'MikroORM 5',
      typed: true,
      workers: { sqlite: 'mikro-orm-official.worker', postgres: 'mikro-orm-official-postgres.worker' },
      environments: {
        sqlite: { module: 'mikro-orm-official-env', export: 'mikroOrmOfficialEnvironment' },
        postgres: { module: 'mikro-orm-official-postgres-env', export: 'mikroOrmOfficialPostgresEnvironment' },
      },
    },
    typeBundle: 'virtual:playground-types/mikro-orm',
    defaultExample: 'mikro-orm-sign-in',
    modules: [
      { specifier: '@mikro-orm/core' },
      { specifier: '@mikro-orm/sql' },
      { specifier: '@mikro-orm/decorators/legacy' },
      {
        specifier: '@mikro-orm/decorators/es',
        redirect: 'The playground compiles TypeScript with experimentalDecorators, so @mikro-orm/decorators/es is served as @mikro-orm/decorators/legacy.',
      },
      { specifier: 'reflect-metadata', redirect: 'reflect-metadata is already loaded in the playground; importing it does nothing more.' },
    ],
    drivers: [
      { specifier: '@mikro-orm/sqlite', driver: 'SqliteDriver' },
      { specifier: '@mikro-orm/libsql', driver: 'LibSqlDriver' },
      { specifier: '@mikro-orm/postgresql', driver: 'PostgreSqlDriver' },
      { specifier: '@mikro-orm/mysql', driver: 'MySqlDriver' },
      { specifier: '@mikro-orm/mariadb', driver: 'MariaDbDriver' },
      { specifier: '@mikro-orm/mssql', driver: 'MsSqlDriver' },
    ],
    driversServedAs: '@mikro-orm/sql',
  },
] as const satisfies readonly OrmEntry[];

export type OrmId = (typeof ORMS)[number]['id'];

export const ORM_IDS: readonly OrmId[] = ORMS.map((orm) => orm.id);

/** The ORM a page opens when nothing (no link, no autosave) says otherwise: the table's first. */
export const DEFAULT_ORM: OrmId = ORMS[0].id;

/** A value for each ORM of the table, by its id: a map with no ORM left out. */
export function byOrm<T>(value: (orm: OrmEntry) => T): Record<OrmId, T> {
  return Object.fromEntries(ORMS.map((orm) => [orm.id, value(orm)])) as Record<OrmId, T>;
}

export const ORM_LABELS: Readonly<Record<OrmId, string>> = byOrm((orm) => orm.label);

export function ormEntry(id: OrmId): OrmEntry {
  return ORMS.find((orm) => orm.id === id)!;
}

/** The worker entry (sandbox/, without `.ts`) that runs `implementation` of `orm`'s adapter on `engine`, or undefined where there is none. */
export function runtimeWorker(orm: OrmEntry, engine: EngineId, implementation: ImplementationId): string | undefined {
  return implementation === 'ours' ? orm.workers[engine] : orm.officialRuntime.workers[engine];
}

/** The environment the worker of runtimeWorker() starts, or undefined where there is none. */
export function runtimeEnvironment(orm: OrmEntry, engine: EngineId, implementation: ImplementationId): EnvironmentName | undefined {
  return implementation === 'ours' ? orm.environments[engine] : orm.officialRuntime.environments[engine];
}

export function isOrmId(value: unknown): value is OrmId {
  return ORMS.some((orm) => orm.id === value);
}
