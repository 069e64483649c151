// MikroORM 5 and the published @auth/mikro-orm-adapter, imported from here so that they resolve
// in this package's own node_modules (npm nests them here: the project's MikroORM is 7). Only
// namespaces and facts: what the reader's code sees is decided by the playground's environment
// (src/playground/runtime/env/mikro-orm-official-env.ts).
import * as adapter from '@auth/mikro-orm-adapter';
import * as core from '@mikro-orm/core';
import * as knex from '@mikro-orm/knex';
import corePackage from '@mikro-orm/core/package.json' with { type: 'json' };
import runtimePackage from '../package.json' with { type: 'json' };

export { adapter, core, knex };

/**
 * The versions that run, for the page's status line. MikroORM's from the installed core; the
 * adapter's package.json is not among its exports, and this package pins it exactly.
 */
export const versions = {
  mikroOrm: corePackage.version,
  adapter: runtimePackage.dependencies['@auth/mikro-orm-adapter'],
} as const;
