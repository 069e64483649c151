import type { Options as FullOptions } from '@mikro-orm/core';

/** MikroORM options as `MikroORM.init()` and `defineConfig()` take them. */
export type Options = Partial<FullOptions>;
import * as defaultEntities from './entities.ts';

export type Role = keyof typeof defaultEntities;
export const ROLES: readonly Role[] = ['User', 'Account', 'Session', 'VerificationToken', 'Authenticator'];
/** An entity as MikroORM accepts it: a class (decorated, or linked to an EntitySchema) or a schema. */
export type EntityLike = NonNullable<FullOptions['entities']>[number];
export type AdapterEntities = Record<Role, EntityLike>;

const DEFAULTS: ReadonlySet<unknown> = new Set(Object.values(defaultEntities));

function entityName(entity: EntityLike): string | undefined {
  if (typeof entity === 'function') return entity.name;
  if (entity && typeof entity === 'object' && 'meta' in entity) return (entity as { meta: { className?: string } }).meta.className;
  return undefined;
}

/**
 * The entity of each role: the caller's (`{ entities: { User } }`), else one listed in the ORM
 * config under the role's name (upstream matched by name too), else ours.
 */
export function resolveEntities(listed: readonly EntityLike[], custom: Partial<Record<Role, unknown>> = {}): AdapterEntities {
  const entities = {} as AdapterEntities;
  for (const role of ROLES) {
    const named = listed.find((entity) => !DEFAULTS.has(entity) && entityName(entity) === role);
    // biome-ignore lint/performance/noDynamicNamespaceImportAccess: every default entity is used; the namespace is the role → entity table.
    entities[role] = (custom[role] as EntityLike | undefined) ?? named ?? defaultEntities[role];
  }
  return entities;
}

/**
 * The options MikroORM is initialised with: a copy of the caller's (never mutated), whose
 * entities are the caller's unrelated ones plus one entity per adapter role.
 */
export function ormOptions(options: Options, entities: AdapterEntities): Options {
  rejectRemovedOptions(options);
  const roleEntities = new Set<unknown>(Object.values(entities));
  const unrelated = (options.entities ?? []).filter((entity) => !DEFAULTS.has(entity) && !roleEntities.has(entity));
  const copy: Record<string, unknown> = {};
  // One level deeper than a spread: MikroORM fills in nested option objects (e.g. `discovery`).
  for (const [key, value] of Object.entries(options)) copy[key] = isPlainObject(value) ? { ...value } : value;
  return { ...(copy as unknown as Options), entities: [...unrelated, ...Object.values(entities)] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const DRIVERS: Readonly<Record<string, string>> = {
  sqlite:
    "driver: SqliteDriver from '@mikro-orm/sqlite' (better-sqlite3), or SqliteDriver from '@mikro-orm/sql' with driverOptions: new NodeSqliteDialect(dbName)",
  'better-sqlite': "driver: SqliteDriver from '@mikro-orm/sqlite'",
  libsql: "driver: LibSqlDriver from '@mikro-orm/libsql'",
  postgresql: "driver: PostgreSqlDriver from '@mikro-orm/postgresql'",
  postgres: "driver: PostgreSqlDriver from '@mikro-orm/postgresql'",
  mysql: "driver: MySqlDriver from '@mikro-orm/mysql'",
  mariadb: "driver: MariaDbDriver from '@mikro-orm/mariadb'",
  mssql: "driver: MsSqlDriver from '@mikro-orm/mssql'",
  mongo: 'a SQL driver: this adapter needs one (MongoDB is not supported)',
};

/** MikroORM 5/6 options the official docs and older apps still pass, and what replaced them. */
function rejectRemovedOptions(options: Options): void {
  const given = options as unknown as Record<string, unknown>;
  if ('type' in given) {
    const type = String(given['type']);
    throw new Error(
      `MikroORM 7 has no \`type: "${type}"\` option: write ${DRIVERS[type] ?? 'driver: <the driver class from your @mikro-orm/<database> package>'} instead.`,
    );
  }
  if ('tsNode' in given) throw new Error('MikroORM 7 has no `tsNode` option: use `preferTs: true` instead.');
  if ('entitiesDirs' in given || 'entitiesDirsTs' in given)
    throw new Error('MikroORM 7 has no `entitiesDirs` option: list folders or classes in `entities` (and `entitiesTs`) instead.');
  if (!given['driver']) {
    throw new Error(
      'MikroOrmAdapter needs a MikroORM `driver`, e.g. `driver: PostgreSqlDriver` from "@mikro-orm/postgresql" (MikroORM 7 no longer picks one from `type`).',
    );
  }
}
