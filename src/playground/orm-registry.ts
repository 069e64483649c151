/**
 * The ORMs the playground runs: one entry each, and every other place reads this table — the
 * build plugins, the page and its inline early-boot script, the runtime's module map, the
 * editor's type bundles and the tests. Plain data with no imports, so that Node (build), the
 * page and the inline script can all read it without pulling in an ORM.
 */

/** A database package of the ORM and the driver class it exports (MikroORM's `@mikro-orm/postgresql` → `PostgreSqlDriver`). */
export interface DriverPackage {
  readonly specifier: string;
  readonly driver: string;
}

export interface OrmEntry {
  readonly id: string;
  /** The ORM's name on the page, in notices and in Markdown for issues. */
  readonly label: string;
  /** Our adapter's package, its workspace folder under packages/, and the official package that names the same API. */
  readonly adapter: { readonly package: string; readonly workspace: string; readonly official: string };
  /** The worker entry's file name in sandbox/ without `.ts` (also the prefix of its built file). */
  readonly worker: string;
  /** The example a page opens for this ORM (an `examples/` folder whose example.json says `"default": true`). */
  readonly defaultExample: string;
  /** The database packages the reader's code may import; each is served by the playground's engine. */
  readonly drivers: readonly DriverPackage[];
}

export const ORMS = [
  {
    id: 'sequelize',
    label: 'Sequelize',
    adapter: { package: '@adapter-lab/sequelize-adapter', workspace: 'sequelize-adapter', official: '@auth/sequelize-adapter' },
    worker: 'sequelize.worker',
    defaultExample: 'sequelize-sign-in',
    drivers: [],
  },
  {
    id: 'mikro-orm',
    label: 'MikroORM',
    adapter: { package: '@adapter-lab/mikro-orm-adapter', workspace: 'mikro-orm-adapter', official: '@auth/mikro-orm-adapter' },
    worker: 'mikro-orm.worker',
    defaultExample: 'mikro-orm-sign-in',
    drivers: [
      { specifier: '@mikro-orm/sqlite', driver: 'SqliteDriver' },
      { specifier: '@mikro-orm/libsql', driver: 'LibSqlDriver' },
      { specifier: '@mikro-orm/postgresql', driver: 'PostgreSqlDriver' },
      { specifier: '@mikro-orm/mysql', driver: 'MySqlDriver' },
      { specifier: '@mikro-orm/mariadb', driver: 'MariaDbDriver' },
      { specifier: '@mikro-orm/mssql', driver: 'MsSqlDriver' },
    ],
  },
] as const satisfies readonly OrmEntry[];

export type OrmId = (typeof ORMS)[number]['id'];

export const ORM_IDS: readonly OrmId[] = ORMS.map((orm) => orm.id);

export function ormEntry(id: OrmId): OrmEntry {
  return ORMS.find((orm) => orm.id === id)!;
}

export function isOrmId(value: unknown): value is OrmId {
  return ORMS.some((orm) => orm.id === value);
}
