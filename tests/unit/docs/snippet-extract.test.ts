// The extractor the snippet checks build on: fences, indentation, tabs and titles as a reader sees
// them on the rendered page, and which blocks make up one project.
import { describe, expect, it } from 'vitest';
import { listPages, parseSnippets, projectFiles, readAllSnippets, readPageSnippets } from '../../../src/docs/snippets/extract.ts';

const page = [
  '---',
  'title: A page',
  '```ts',
  'not a block: frontmatter',
  '---',
  "import { Steps, TabItem, Tabs } from '@astrojs/starlight/components';",
  '',
  '```ts title="lib/db.ts"',
  'export const db = 1',
  '```',
  '',
  '<Tabs syncKey="framework">',
  '  <TabItem label="Next.js">',
  '    <Steps>',
  '',
  '    1. Configure:',
  '',
  '       ```ts title="auth.ts" {2}',
  '       import { db } from "@/lib/db"',
  '         export const auth = db',
  '       ```',
  '',
  '       ````md title="README.md"',
  '       ```ts',
  '       inside a longer fence',
  '       ```',
  '       ````',
  '',
  '    </Steps>',
  '    <Tabs>',
  "      <TabItem label='PostgreSQL'>",
  '        ~~~sh',
  '        npm install pg',
  '        ~~~',
  '      </TabItem>',
  '    </Tabs>',
  '  </TabItem>',
  '  <TabItem',
  '    label={"Express"}',
  '  >',
  '    ```ts excerpt title="auth.ts"',
  '    app.use(auth)',
  '    ```',
  '  </TabItem>',
  '</Tabs>',
  '',
  '```tsx title="./auth.ts"',
  'export const auth = 2',
  '```',
  '',
  '```sh',
  '```',
].join('\n');

const snippets = parseSnippets(page, 'guide/page');

describe('parseSnippets', () => {
  it('finds every fenced block after the frontmatter, with its opening line', () => {
    expect(snippets.map(({ line, lang }) => [line, lang])).toEqual([
      [8, 'ts'],
      [18, 'ts'],
      [23, 'md'],
      [32, 'sh'],
      [41, 'ts'],
      [47, 'tsx'],
      [51, 'sh'],
    ]);
    expect(snippets.every((snippet) => snippet.page === 'guide/page')).toBe(true);
  });

  it('reads the tabs around a block, outermost first, whatever quotes or lines the tag uses', () => {
    expect(snippets.map(({ tabs }) => tabs)).toEqual([[], ['Next.js'], ['Next.js'], ['Next.js', 'PostgreSQL'], ['Express'], [], []]);
  });

  it('removes the indentation of the fence, keeping deeper indentation, and keeps shorter fences inside longer ones', () => {
    expect(snippets[1]!.code).toBe('import { db } from "@/lib/db"\n  export const auth = db\n');
    expect(snippets[2]!.code).toBe('```ts\ninside a longer fence\n```\n');
    expect(snippets[3]!.code).toBe('npm install pg\n');
    expect(snippets[6]!.code).toBe('');
  });

  it('reads the title, the whole meta and the excerpt marker', () => {
    expect(snippets[1]).toMatchObject({ title: 'auth.ts', meta: 'title="auth.ts" {2}', excerpt: false });
    expect(snippets[4]).toMatchObject({ title: 'auth.ts', meta: 'excerpt title="auth.ts"', excerpt: true });
    expect(snippets[0]!.title).toBe('lib/db.ts');
    expect(snippets[3]!.title).toBeUndefined();
  });

  it('takes `excerpt` only as a word of the meta, not inside a value', () => {
    const [quoted, word] = parseSnippets('```ts title="excerpt"\n```\n```js {1} excerpt\n```\n', 'x');
    expect([quoted!.excerpt, word!.excerpt]).toEqual([false, true]);
  });

  it('reads an unclosed fence to the end of the page, as Markdown does', () => {
    expect(parseSnippets('```ts\nconst a = 1\n', 'x')).toMatchObject([{ code: 'const a = 1\n\n' }]);
  });

  it('does not take an inline code span with backticks for a fence', () => {
    expect(parseSnippets('```ts` is inline\n', 'x')).toEqual([]);
  });
});

describe('projectFiles', () => {
  it('gives the blocks outside any tab plus those of the tab, the later same title winning', () => {
    expect(Object.fromEntries(projectFiles(snippets, ['Next.js']))).toEqual({
      'lib/db.ts': 'export const db = 1\n',
      'README.md': snippets[2]!.code,
      // The block outside the tabs comes first; the tab's own auth.ts wins.
      'auth.ts': snippets[1]!.code,
    });
  });

  it('leaves excerpts out and reads ./ titles as the same file', () => {
    expect(Object.fromEntries(projectFiles(snippets, ['Express']))).toEqual({ 'lib/db.ts': 'export const db = 1\n', 'auth.ts': 'export const auth = 2\n' });
    expect([...projectFiles(snippets, []).keys()]).toEqual(['lib/db.ts', 'auth.ts']);
  });

  it('never takes a diff block for the file it changes', () => {
    const withDiff = parseSnippets('```ts title="auth.ts"\nexport {}\n```\n```diff lang="ts" title="auth.ts"\n-a\n+b\n```\n', 'x');
    expect(Object.fromEntries(projectFiles(withDiff, []))).toEqual({ 'auth.ts': 'export {}\n' });
  });
});

describe('the real docs', () => {
  it('reads every page, and a page by name', () => {
    const all = readAllSnippets();
    expect(listPages()).toContain('sequelize/overview');
    expect(all.filter(({ lang }) => lang === 'ts').length).toBeGreaterThan(20);
    expect(readPageSnippets('sequelize/overview')).toEqual(all.filter(({ page }) => page === 'sequelize/overview'));
    expect(() => readPageSnippets('no/such-page')).toThrow(/No docs page no\/such-page/);
  });
});
