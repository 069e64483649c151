// The package runs unchanged in Node and in the browser: MikroORM, kysely and (types only)
// @auth/core, and nothing Node-only.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const SOURCE = new URL('../../../packages/mikro-orm-adapter/src/', import.meta.url);

describe('@adapter-lab/mikro-orm-adapter imports', () => {
  it('are @mikro-orm/core, kysely, type-only @auth/core, and its own files', () => {
    const imports = new Set<string>();
    for (const file of readdirSync(SOURCE)) {
      const text = readFileSync(new URL(file, SOURCE), 'utf8');
      for (const [, typeOnly, specifier] of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
        if (!specifier!.startsWith('./')) imports.add(`${typeOnly ? 'type ' : ''}${specifier}`);
      }
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/\bprocess\.|require\(|from 'node:/);
    }
    expect([...imports].sort()).toEqual(['@mikro-orm/core', 'kysely', 'type @auth/core/adapters', 'type @mikro-orm/core']);
  });
});
