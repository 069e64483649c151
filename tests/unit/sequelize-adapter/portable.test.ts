// The package runs unchanged in Node and in the browser: it imports nothing but Sequelize
// (and, for types only, @auth/core), and nothing Node-only.
import { describe, expect, it } from 'vitest';
import { packageSource } from '../adapter-support/package-imports.ts';

describe('@adapter-lab/sequelize-adapter imports', () => {
  it('are sequelize, type-only @auth/core, and its own files', () => {
    const { imports, code } = packageSource('sequelize-adapter');
    // Code only (comments may explain these): no build-time-replaced env, no CommonJS, no node: modules.
    for (const [file, text] of code) expect(text, file).not.toMatch(/\bprocess\.env\.NODE_ENV\b|require\(|node:/);
    expect(imports).toEqual(['sequelize', 'type @auth/core/adapters', 'type sequelize']);
  });
});
