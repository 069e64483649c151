/**
 * The declarations of the packages the playground serves something else for (module-names.ts
 * `redirect`), so that the editor types what runs: the official adapters are ours under their
 * name, MikroORM's database packages are @mikro-orm/sql over the SQLite driver, and
 * @mikro-orm/decorators/es is the legacy decorators (the playground compiles with
 * experimentalDecorators).
 */
import path from 'node:path';
import type TS from 'typescript';
import type { ModuleName } from '../../module-names.ts';
import { ORMS } from '../../orm-registry.ts';
import { adapterEntry, adapterVersion } from './adapter-packages.ts';
import { inNodeModules } from './bundle-paths.ts';
import type { Overlay } from './compiler-host.ts';
import { declarationPackage, readJson } from './package-manifests.ts';

type Ts = typeof TS;

/** A file comment saying what the playground serves for this package, from module-names.ts. */
function redirectComment(module: ModuleName): string {
  return `/**\n * Playground declarations: ${module.redirect ?? module.specifier}\n */\n`;
}

/** Whether a declaration file has a default export (`export default …`, `export { x as default }`). */
function exportsDefault(ts: Ts, file: string, text: string): boolean {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  return source.statements.some(
    (statement) =>
      (ts.isExportAssignment(statement) && !statement.isExportEquals) ||
      (ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword)) ||
      (ts.isExportDeclaration(statement) &&
        statement.exportClause !== undefined &&
        ts.isNamedExports(statement.exportClause) &&
        statement.exportClause.elements.some((element) => element.name.text === 'default')),
  );
}

/**
 * An official adapter package as ours under a second name (`@auth/sequelize-adapter` → ours).
 * `export *` leaves out a default export, so ours is re-exported by name when it has one (the
 * Sequelize adapter is a default export, as the official one is); that reads the declarations
 * adapter-packages.ts laid, so it must have laid them first.
 */
function reexportPackage(ts: Ts, module: ModuleName, target: string, overlay: Overlay): void {
  const entry = adapterEntry(target);
  const declarations = overlay.files.get(entry);
  if (declarations === undefined) throw new Error(`Type bundle: ${module.specifier} re-exports ${target}, whose declarations are not laid out yet`);
  const dir = inNodeModules(module.specifier);
  const defaultLine = exportsDefault(ts, entry, declarations) ? `export { default } from '${target}';\n` : '';
  overlay.files.set(path.join(dir, 'index.d.ts'), `${redirectComment(module)}export * from '${target}';\n${defaultLine}`);
  overlay.files.set(path.join(dir, 'package.json'), declarationPackage(module.specifier, adapterVersion(ts, target)));
  overlay.replaced.add(dir);
}

/** Each MikroORM database package's driver class, as the registry lists them. */
const DRIVER_OF_PACKAGE: ReadonlyMap<string, string> = new Map(ORMS.flatMap((orm) => orm.drivers).map(({ specifier, driver }) => [specifier, driver]));

/**
 * A MikroORM database package as the playground serves it: all of @mikro-orm/sql, its driver
 * class being SqliteDriver, and `defineConfig`/`MikroORM`/`Options` shaped like the real
 * package's (see @mikro-orm/postgresql's PostgreSqlMikroORM.d.ts) over the SQLite driver.
 */
function databasePackage(ts: Ts, module: ModuleName, overlay: Overlay): void {
  const driver = DRIVER_OF_PACKAGE.get(module.specifier);
  if (!driver) throw new Error(`Type bundle: no driver class known for ${module.specifier}`);
  const dir = inNodeModules(module.specifier);
  const entities = 'readonly (string | EntityClass<AnyEntity> | EntitySchema)[] = (string | EntityClass<AnyEntity> | EntitySchema)[]';
  const params = `EM extends SqlEntityManager<SqliteDriver> = SqlEntityManager<SqliteDriver>, Entities extends ${entities}`;
  const text = `${redirectComment(module)}import type { AnyEntity, EntityClass, EntityManager, EntityManagerType, EntitySchema, IDatabaseDriver, MikroORM as CoreMikroORM, Options as CoreOptions } from '@mikro-orm/core';
import { SqlMikroORM, type SqliteDriver, type SqlEntityManager } from '@mikro-orm/sql';
export * from '@mikro-orm/sql';
${driver === 'SqliteDriver' ? '' : `/** ${module.specifier}'s driver: in the playground, the SQLite driver (sql.js). */\nexport { SqliteDriver as ${driver} } from '@mikro-orm/sql';\n`}
/** Configuration options for this driver (in the playground, SQLite). */
export type Options<${params}> = Partial<CoreOptions<SqliteDriver, EM, Entities>>;

/** Creates a type-safe configuration object for this driver. */
export declare function defineConfig<${params}>(options: Options<EM, Entities>): Options<EM, Entities>;

/** @inheritDoc */
export declare class MikroORM<${params}> extends SqlMikroORM<SqliteDriver, EM, Entities> {
  static init<D extends IDatabaseDriver = SqliteDriver, EM extends EntityManager<D> = D[typeof EntityManagerType] & EntityManager<D>, Entities extends ${entities}>(options: Partial<CoreOptions<D, EM, Entities>>): Promise<CoreMikroORM<D, EM, Entities>>;
  constructor(options: Options<EM, Entities>);
}
`;
  overlay.files.set(path.join(dir, 'index.d.ts'), text);
  overlay.files.set(
    path.join(dir, 'package.json'),
    declarationPackage(module.specifier, readJson(ts, inNodeModules('@mikro-orm/sql', 'package.json'))['version']),
  );
  overlay.replaced.add(dir);
}

/**
 * The ES decorators' subpath, served as the legacy ones (the playground compiles with
 * experimentalDecorators): the real package, with `./es` declared as a re-export of `./legacy`.
 */
function legacyDecoratorsForEs(module: ModuleName, overlay: Overlay): void {
  overlay.files.set(inNodeModules('@mikro-orm/decorators', 'es', 'index.d.ts'), `${redirectComment(module)}export * from '../legacy/index.js';\n`);
}

type Redirect = (ts: Ts, module: ModuleName, overlay: Overlay) => void;

/** How each redirected specifier is typed; `real` keeps the installed package's declarations. */
const REDIRECTS: ReadonlyMap<string, 'real' | Redirect> = new Map<string, 'real' | Redirect>([
  ...ORMS.map(({ adapter }): [string, Redirect] => [adapter.official, (ts, module, overlay) => reexportPackage(ts, module, adapter.package, overlay)]),
  ['@mikro-orm/decorators/es', (_ts, module, overlay) => legacyDecoratorsForEs(module, overlay)],
  // The polyfill's global `Reflect` declarations are exactly what the playground loads.
  ['reflect-metadata', 'real'],
  ...[...DRIVER_OF_PACKAGE.keys()].map((specifier): [string, Redirect] => [specifier, databasePackage]),
]);

/** Lays the declarations of a redirected module into the overlay (after our adapters': the official names re-export them). */
export function redirectPackage(ts: Ts, module: ModuleName, overlay: Overlay): void {
  const redirect = REDIRECTS.get(module.specifier);
  if (!redirect) throw new Error(`Type bundle: ${module.specifier} is redirected; say in redirect-packages.ts how to type it`);
  if (redirect !== 'real') redirect(ts, module, overlay);
}
