// The editor's declarations with the official MikroORM adapter chosen: @auth/mikro-orm-adapter
// on MikroORM 5, both declared by their installed packages (npm nested them under the runtime's
// workspace), so the official docs' snippets type-check as in a MikroORM 5 project and MikroORM
// 7's hints (decorators moved) stay out of it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../../src/playground/compiler/compile-project.ts';
import { AUTH_MODULE_NAMES } from '../../../src/playground/module-names.ts';
import { buildTypeBundle } from '../../../src/playground/editor/types/build-type-bundle.ts';
import { applyTypeBundlePatch, typeBundlePatch } from '../../../src/playground/editor/types/type-bundle-patch.ts';
import { typesId } from '../../../src/playground/editor/types-id.ts';
import { MIKRO_ORM_OFFICIAL_MODULE_NAMES } from '../../../src/playground/runtime/env/mikro-orm-official-modules.ts';
import { OFFICIAL_SNIPPETS } from '../../support/official-auth-snippets.ts';
import { files } from './support.ts';

const ADAPTER = 'file:///node_modules/@auth/mikro-orm-adapter/';
const RUNTIME_MODULES = new URL('../../../packages/mikro-orm-5-runtime/node_modules/', import.meta.url);

const ours = await buildTypeBundle('mikro-orm');
const official = await buildTypeBundle('mikro-orm', 'official');
const patch = typeBundlePatch(ours, official);

const errorsOf = (code: string): string[] =>
  compileProject(files({ 'auth.ts': code }), official)
    .diagnostics.filter((diagnostic) => diagnostic.severity === 'error')
    .map((diagnostic) => diagnostic.message);

const snippet = (name: string): string => {
  const found = OFFICIAL_SNIPPETS.find((candidate) => candidate.orm === 'mikro-orm' && candidate.name.includes(name));
  if (!found) throw new Error(`no MikroORM snippet named like "${name}"`);
  return found.auth;
};

/**
 * The custom User snippet's own type errors, which a real project on these packages has too
 * (none is MikroORM 7's): the published entity's `email` is a string, Auth.js's config needs
 * `providers`, and a config object literal's `type` widens to string. Each with its fix.
 */
const CUSTOM_USER_ERRORS: readonly (readonly [error: string, written: string, fixed: string])[] = [
  ["Property 'email' in type 'User' is not assignable to the same property in base type 'User'", '  email?: string\n', '  email!: string\n'],
  [
    "Property 'providers' is missing in type '{ adapter: Adapter; }'",
    '  adapter: MikroOrmAdapter(config, { entities: { User } }),\n',
    '  adapter: MikroOrmAdapter(config, { entities: { User } }),\n  providers: [],\n',
  ],
  ["Type 'string' is not assignable to type '\"sqlite\" | ", 'type: "sqlite" }', 'type: "sqlite" as const }'],
];

describe('the official MikroORM adapter in the editor', () => {
  it("type-checks the official docs' basic example as written, on MikroORM 5", () => {
    expect(errorsOf(snippet('the example'))).toEqual([]);
  });

  it("type-checks the official docs' custom User entity with MikroORM 5's decorators from @mikro-orm/core", () => {
    const written = snippet('custom User entity');
    expect(errorsOf(written)).toEqual(CUSTOM_USER_ERRORS.map(([error]) => expect.stringContaining(error)));
    let fixed = written;
    for (const [, from, to] of CUSTOM_USER_ERRORS) {
      expect(fixed).toContain(from);
      fixed = fixed.replace(from, to);
    }
    expect(errorsOf(fixed)).toEqual([]);
  });

  it('declares every module the runtime serves, and MikroORM 7 only modules are errors', () => {
    const imports = [...MIKRO_ORM_OFFICIAL_MODULE_NAMES, ...AUTH_MODULE_NAMES].map((module, i) => `import * as m${i} from '${module.specifier}';\nvoid m${i};`);
    expect(errorsOf(imports.join('\n'))).toEqual([]);
    expect(errorsOf('import { Entity } from "@mikro-orm/decorators/legacy";\nvoid Entity;\n')).toEqual([
      expect.stringContaining("Cannot find module '@mikro-orm/decorators/legacy'"),
    ]);
    expect(errorsOf('import { Entity } from "@mikro-orm/core";\n@Entity()\nexport class Book {}\n')).toEqual([]);
  });

  it('declares the database packages with the names the runtime serves on every engine', () => {
    const code = `import { MikroORM, defineConfig, PostgreSqlDriver, SqliteDriver, MySqlDriver, EntityManager, QueryBuilder, type Options } from "@mikro-orm/postgresql";
const options: Options = defineConfig({ dbName: "app", entities: [] });
export const orm = MikroORM.init(options);
export const drivers = [PostgreSqlDriver, SqliteDriver, MySqlDriver];
export type Em = EntityManager;
export type Qb = QueryBuilder<object>;
`;
    expect(errorsOf(code)).toEqual([]);
    // Only the PostgreSQL engine serves it: a name one engine lacks is not declared.
    expect(errorsOf('import { PostgreSqlPlatform } from "@mikro-orm/postgresql";\nvoid PostgreSqlPlatform;\n')).toHaveLength(1);
  });

  it("declares @auth/mikro-orm-adapter and MikroORM with the installed packages' own declarations", () => {
    expect(ours.files[`${ADAPTER}index.d.ts`]).toContain("export * from '@adapter-lab/mikro-orm-adapter'");
    for (const file of ['index.d.ts', 'lib/entities.d.ts']) {
      expect(official.files[`${ADAPTER}${file}`]).toBe(readFileSync(new URL(`@auth/mikro-orm-adapter/${file}`, RUNTIME_MODULES), 'utf8'));
    }
    expect(official.files[`${ADAPTER}package.json`]).toContain('"version": "2.10.0"');
    expect(official.files['file:///node_modules/@mikro-orm/core/MikroORM.d.ts']).toBe(
      readFileSync(new URL('@mikro-orm/core/MikroORM.d.ts', RUNTIME_MODULES), 'utf8'),
    );
    const manifests = Object.entries(official.files).filter(([file]) => /^file:\/\/\/node_modules\/@mikro-orm\/[^/]+\/package\.json$/.test(file));
    expect(manifests.map(([file]) => file.split('/')[5]).sort()).toEqual(['better-sqlite', 'core', 'knex', 'mariadb', 'mysql', 'postgresql', 'sqlite']);
    for (const [file, text] of manifests) expect(text, file).toContain('"version": "5.9.8"');
    // Nothing of MikroORM 7: no @mikro-orm/sql or decorators, no decorators-moved augmentation.
    expect(Object.keys(official.files).filter((file) => /@mikro-orm\/(sql|decorators)\/|playground-decorators/.test(file))).toEqual([]);
    expect(Object.values(official.files).filter((text) => text.includes('MikroORM 7'))).toEqual([]);
  });

  it('is a patch over the MikroORM bundle that gives the whole official bundle back', () => {
    expect(patch.files[`${ADAPTER}index.d.ts`]).toBeDefined();
    expect(patch.removed).toContain('file:///node_modules/@mikro-orm/core/playground-decorators.d.ts');
    expect(applyTypeBundlePatch(ours, patch)).toEqual(official);
  });

  it('is what the editor loads for the official choice', () => {
    expect(typesId('mikro-orm', 'official')).toBe('mikro-orm/official');
    expect(typesId('mikro-orm', 'ours')).toBe('mikro-orm');
  });
});
