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
