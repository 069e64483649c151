import type { ModuleName } from '../../orm-registry.ts';

/*
 * What the reader's code may import when the playground runs the published @auth/mikro-orm-adapter
 * on MikroORM 5 (the "official" implementation). Plain data, so that the editor's type bundle
 * can declare exactly these later, as module-names.ts does for our own adapters.
 */

/** MikroORM 5's database packages and the driver class each exports; all are served by the one the worker runs. */
export const MIKRO_ORM_5_DRIVERS = [
  { specifier: '@mikro-orm/sqlite', driver: 'SqliteDriver' },
  { specifier: '@mikro-orm/better-sqlite', driver: 'BetterSqliteDriver' },
  { specifier: '@mikro-orm/postgresql', driver: 'PostgreSqlDriver' },
  { specifier: '@mikro-orm/mysql', driver: 'MySqlDriver' },
  { specifier: '@mikro-orm/mariadb', driver: 'MariaDbDriver' },
] as const;

/** The official adapter's package, as the reader imports it. */
export const OFFICIAL_MIKRO_ORM_ADAPTER = '@auth/mikro-orm-adapter';

/** The modules of the official MikroORM implementation; a driver package's redirect depends on the engine (the environment adds it). */
export const MIKRO_ORM_OFFICIAL_MODULE_NAMES: readonly ModuleName[] = [
  // The same as every ORM's (module-names.ts SHARED).
  { specifier: '@auth/core/adapters' },
  { specifier: 'node:crypto' },
  { specifier: 'crypto' },
  // MikroORM 5: its decorators are in core.
  { specifier: '@mikro-orm/core' },
  { specifier: '@mikro-orm/knex' },
  { specifier: 'reflect-metadata', redirect: 'reflect-metadata is already loaded in the playground (MikroORM 5 loads it); importing it does nothing more.' },
  ...MIKRO_ORM_5_DRIVERS.map(({ specifier }) => ({ specifier })),
  { specifier: OFFICIAL_MIKRO_ORM_ADAPTER },
];

/** What the reader is told when their code imports a package that exists only for MikroORM 7 (our adapter, its decorators, its SQL layer). */
export interface Explanation {
  readonly message: string;
  readonly hint: string;
}

const CHOOSE_OURS = 'or choose "@adapter-lab" under Adapter package to run it on MikroORM 7.';

/** MikroORM 7's packages, explained when the official package on MikroORM 5 runs; undefined for any other specifier. */
export function mikroOrm7Only(specifier: string): Explanation | undefined {
  if (specifier === '@adapter-lab/mikro-orm-adapter')
    return {
      message: `${specifier} runs on MikroORM 7, and this run uses the official ${OFFICIAL_MIKRO_ORM_ADAPTER} on MikroORM 5.`,
      hint: `Import MikroOrmAdapter from "${OFFICIAL_MIKRO_ORM_ADAPTER}" to run the official package (the same call), ${CHOOSE_OURS}`,
    };
  if (specifier === '@mikro-orm/decorators' || specifier.startsWith('@mikro-orm/decorators/'))
    return {
      message: `${specifier} is MikroORM 7's; this run uses MikroORM 5, whose decorators (Entity, PrimaryKey, Property, …) are exported by @mikro-orm/core.`,
      hint: `Import the decorators from "@mikro-orm/core", ${CHOOSE_OURS}`,
    };
  if (specifier === '@mikro-orm/sql' || specifier === '@mikro-orm/libsql' || specifier === '@mikro-orm/mssql')
    return {
      message: `${specifier} is a MikroORM 6/7 package; this run uses MikroORM 5${specifier === '@mikro-orm/sql' ? ', whose SQL layer is @mikro-orm/knex' : ''}.`,
      hint: `Import ${specifier === '@mikro-orm/sql' ? '"@mikro-orm/knex"' : 'a MikroORM 5 driver package ("@mikro-orm/sqlite", "@mikro-orm/postgresql")'}, ${CHOOSE_OURS}`,
    };
  return undefined;
}
