// Every fenced TypeScript/JavaScript block of the docs compiles against the real packages, as the
// project it belongs to (the page's blocks outside tabs plus those of one tab). The fixture pages
// prove the check itself: a broken block fails at its line, an `excerpt` is skipped, blocks import
// each other's files (relative or through the starters' aliases) but never another tab's.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSnippets, formatDiagnostic } from '../../../src/docs/snippets/type-check.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/snippet-docs/', import.meta.url));
/** 1-based lines of the fixture page that hold `marker`. */
const linesWith = (page: string, marker: string): number[] =>
  readFileSync(`${FIXTURES}${page}.mdx`, 'utf8')
    .split('\n')
    .flatMap((text, index) => (text.includes(marker) ? [index + 1] : []));

describe('the snippet type-check (fixture pages)', () => {
  const result = checkSnippets({ docsDir: FIXTURES });

  it('fails a broken block at its line in the page, naming its file and tab', () => {
    const broken = result.diagnostics.filter(({ page }) => page === 'guide/broken');
    const [synchronizeLine, helperLine] = linesWith('guide/broken', '// BROKEN');
    expect(broken.map(({ line, title, tabs, code }) => ({ line, title, tabs, code }))).toEqual([
      { line: synchronizeLine, title: 'auth.ts', tabs: [['Next.js']], code: 'TS2322' },
      { line: helperLine, title: 'src/app.ts', tabs: [['Express']], code: 'TS2307' },
    ]);
    expect(formatDiagnostic(broken[0]!)).toMatch(
      new RegExp(`^guide/broken\\.mdx:${synchronizeLine} \\(auth\\.ts, tab Next\\.js\\): TS2322 Type 'string' is not assignable to type 'boolean`),
    );
    expect(broken[1]!.message).toContain("Cannot find module './helper'");
  });

  it('skips excerpt blocks and other languages, and passes blocks that import their siblings', () => {
    // The excerpt in broken.mdx would not compile; fine.mdx's blocks import each other, an earlier
    // version of auth.ts is checked too, and the untitled blocks both declare `element`.
    expect(result.diagnostics.filter(({ page }) => page !== 'guide/broken').map(formatDiagnostic)).toEqual([]);
    expect(result.pages).toBe(2);
    // broken: 3 tabs; fine: 2 tabs + the first auth.ts.
    expect(result.projects).toBe(6);
  });
});

describe('the docs pages', () => {
  it('every fenced TypeScript/JavaScript block compiles (npm run check:snippets prints the same list)', { timeout: 180_000 }, () => {
    const result = checkSnippets();
    expect(result.files).toBeGreaterThan(20);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
  });
});
