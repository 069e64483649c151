/**
 * The package.json "exports" condition under which the workspace packages expose their
 * TypeScript source (`./src/index.ts`) instead of the built `dist/`. The site (Vite), the tests
 * (vitest), the type-checker (tsconfig "customConditions") and the benches
 * (`node --conditions=adapter-lab-source`) all resolve it, so they run the very source that
 * `npm pack` builds; a published package's consumers never set it and get `dist/`.
 */
export const SOURCE_CONDITION = 'adapter-lab-source';
