// The package runs unchanged in Node and in the browser: it imports nothing but Sequelize
// (and, for types only, @auth/core), and nothing Node-only.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const SOURCE = new URL('../../../packages/sequelize-adapter/src/', import.meta.url);

describe('@adapter-lab/sequelize-adapter imports', () => {
  it('are sequelize, type-only @auth/core, and its own files', () => {
    const imports = new Set<string>();
    for (const file of readdirSync(SOURCE)) {
      const text = readFileSync(new URL(file, SOURCE), 'utf8');
      for (const [, typeOnly, specifier] of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
        if (!specifier!.startsWith('./')) imports.add(`${typeOnly ? 'type ' : ''}${specifier}`);
      }
      // Code only (comments may explain these): no build-time-replaced env, no CommonJS, no node: modules.
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/\bprocess\.env\.NODE_ENV\b|require\(|node:/);
    }
    expect([...imports].sort()).toEqual(['sequelize', 'type @auth/core/adapters', 'type sequelize']);
  });
});
