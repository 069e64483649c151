/**
 * The official MikroORM implementation's packages in the editor: @auth/mikro-orm-adapter on
 * MikroORM 5, whose runtime serves its own module list (runtime/env/mikro-orm-official-modules.ts).
 * npm installed them in the runtime's workspace (packages/mikro-orm-5-runtime/node_modules), so
 * that the project's own MikroORM stays 7; the bundle reads them there under their package
 * names, and declares MikroORM 5's driver packages as that runtime serves them.
 */
import { readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type TS from 'typescript';
import { MIKRO_ORM_5_DRIVERS } from '../../runtime/env/mikro-orm-official-modules.ts';
import { inNodeModules } from './bundle-paths.ts';
import type { Overlay } from './compiler-host.ts';
import { declarationPackage, readJson } from './package-manifests.ts';

type Ts = typeof TS;

/** The workspace package the official MikroORM runtime imports MikroORM 5 and the adapter through. */
const RUNTIME_PACKAGE = '@adapter-lab/mikro-orm-5-runtime';

/**
 * Packages of the runtime's node_modules the bundle keeps its own of: one @auth/core for every
 * package, as for the framework packages (auth-packages.ts); the adapter only imports its types.
 */
const SHARED_PACKAGES: ReadonlySet<string> = new Set(['@auth/core']);

/** The runtime workspace's node_modules, found through its link in the root node_modules. */
function runtimeNodeModules(): string {
  return path.join(realpathSync(inNodeModules(RUNTIME_PACKAGE)), 'node_modules');
}

/** The package names installed in a node_modules directory (`@scope/name` included). */
function installedPackages(dir: string): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    if (!entry.name.startsWith('@')) names.push(entry.name);
    else
      for (const scoped of readdirSync(path.join(dir, entry.name), { withFileTypes: true }))
        if (scoped.isDirectory()) names.push(`${entry.name}/${scoped.name}`);
  }
  return names;
}

/**
 * Every package npm nested under the runtime read in place of the root's (MikroORM 7's
 * @mikro-orm/core, say), as Node resolves them from the runtime; the rest (knex) stays the
 * root's, which is also where the runtime's resolution ends up.
 */
function aliasRuntimePackages(overlay: Overlay): void {
  const nested = runtimeNodeModules();
  for (const name of installedPackages(nested)) {
    if (!SHARED_PACKAGES.has(name)) overlay.aliases.set(inNodeModules(name), path.join(nested, ...name.split('/')));
  }
}

/** The version of MikroORM 5 the runtime installed. */
function mikroOrm5Version(ts: Ts): unknown {
  return readJson(ts, path.join(runtimeNodeModules(), '@mikro-orm', 'core', 'package.json'))['version'];
}

/**
 * A MikroORM 5 database package as the official runtime serves it (runtime/env/mikro-orm-5.ts):
 * @mikro-orm/knex's exports, every MikroORM 5 driver class under its name (each runs the
 * engine's database: a config naming any of them runs), and MikroORM and defineConfig, typed as
 * the real package's over its own driver. The editor has one bundle for both engines, so the
 * names only one engine's package adds (SqlitePlatform, PostgreSqlConnection, …) are left out:
 * what type-checks runs on either.
 */
function databasePackageText(specifier: string, driver: string): string {
  const drivers = MIKRO_ORM_5_DRIVERS.map(
    ({ driver: name }) =>
      `/** In the playground, the driver of the run's database (SQLite or PostgreSQL) under this name. */\nexport declare class ${name} extends AbstractSqlDriver {\n  constructor(config: Configuration);\n}\n`,
  ).join('\n');
  return `/**
 * Playground declarations: ${specifier} as the playground serves it with the official adapter on
 * MikroORM 5: @mikro-orm/knex's exports, every driver class, MikroORM, defineConfig and Options.
 */
import type { Configuration, IDatabaseDriver, MikroORM as CoreMikroORM, Options as CoreOptions } from '@mikro-orm/core';
import { AbstractSqlDriver } from '@mikro-orm/knex';
export * from '@mikro-orm/knex';

${drivers}
/** Configuration options for this driver (in the playground, the run's database). */
export type Options = CoreOptions<${driver}>;

/** Sets this package's driver on the options. */
export declare function defineConfig(options: Options): CoreOptions<${driver}>;

/** @inheritDoc */
export declare class MikroORM extends CoreMikroORM<${driver}> {
  static init<D extends IDatabaseDriver = ${driver}>(options?: CoreOptions<D> | Configuration<D>, connect?: boolean): Promise<CoreMikroORM<D>>;
}
`;
}

/** Lays the official MikroORM implementation's packages: MikroORM 5 and the adapter from the runtime, the database packages generated. */
export function mikroOrm5Packages(ts: Ts, overlay: Overlay): void {
  aliasRuntimePackages(overlay);
  const version = mikroOrm5Version(ts);
  for (const { specifier, driver } of MIKRO_ORM_5_DRIVERS) {
    const dir = inNodeModules(specifier);
    overlay.files.set(path.join(dir, 'index.d.ts'), databasePackageText(specifier, driver));
    overlay.files.set(path.join(dir, 'package.json'), declarationPackage(specifier, version));
    overlay.replaced.add(dir);
  }
}
