// The package runs unchanged in Node and in the browser: MikroORM, kysely and (types only)
// @auth/core, and nothing Node-only.
import { describe, expect, it } from 'vitest';
import { packageSource } from '../adapter-support/package-imports.ts';

describe('@adapter-lab/mikro-orm-adapter imports', () => {
  it('are @mikro-orm/core, kysely, type-only @auth/core, and its own files', () => {
    const { imports, code } = packageSource('mikro-orm-adapter');
    for (const [file, text] of code) expect(text, file).not.toMatch(/\bprocess\.|require\(|from 'node:/);
    expect(imports).toEqual(['@mikro-orm/core', 'kysely', 'type @auth/core/adapters', 'type @mikro-orm/core']);
  });
});
