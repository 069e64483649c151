// The editor's declarations with the official adapter package chosen: a small patch over the
// ORM's bundle that declares @auth/sequelize-adapter as the published package does, so the
// official docs' code type-checks as in a real project, and ours stays ours.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../../src/playground/compiler/compile-project.ts';
import { buildTypeBundle } from '../../../src/playground/editor/types/build-type-bundle.ts';
import { applyTypeBundlePatch, typeBundlePatch } from '../../../src/playground/editor/types/type-bundle-patch.ts';
import { typesId } from '../../../src/playground/editor/types-id.ts';
import { exampleFiles } from './support.ts';

const OFFICIAL_ENTRY = 'file:///node_modules/@auth/sequelize-adapter/index.d.ts';

const ours = await buildTypeBundle('sequelize');
const official = await buildTypeBundle('sequelize', 'official');
const patch = typeBundlePatch(ours, official);

describe('the official Sequelize adapter in the editor', () => {
  it("declares @auth/sequelize-adapter with the installed package's own declarations (ours: a re-export of ours)", () => {
    expect(ours.files[OFFICIAL_ENTRY]).toContain("export * from '@adapter-lab/sequelize-adapter'");
    const installed = readFileSync(new URL('../../../node_modules/@auth/sequelize-adapter/index.d.ts', import.meta.url), 'utf8');
    expect(official.files[OFFICIAL_ENTRY]).toBe(installed);
    expect(official.files['file:///node_modules/@auth/sequelize-adapter/package.json']).toContain('"version": "2.11.3"');
  });

  it('is a small patch over the ORM bundle that gives the whole official bundle back', () => {
    expect(Object.keys(patch.files).every((file) => file.startsWith('file:///node_modules/@auth/sequelize-adapter/'))).toBe(true);
    expect(Object.keys(patch.files).length).toBeGreaterThan(0);
    expect(JSON.stringify(patch).length).toBeLessThan(JSON.stringify(ours).length / 20);
    expect(applyTypeBundlePatch(ours, patch)).toEqual(official);
  });

  it("type-checks the official docs' custom model example with it, as in a real project", () => {
    const files = exampleFiles('sequelize-custom-model');
    const errors = compileProject(files, official).diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('is what the editor loads for the official choice; MikroORM types its own (official-types-mikro-orm.test.ts)', () => {
    expect(typesId('sequelize', 'official')).toBe('sequelize/official');
    expect(typesId('sequelize', 'ours')).toBe('sequelize');
    expect(typesId('mikro-orm', 'official')).toBe('mikro-orm/official');
  });
});
