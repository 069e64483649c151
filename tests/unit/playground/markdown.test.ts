// The issue text: readable on GitHub, code intact whatever it contains, and no broken links.
import { describe, expect, it } from 'vitest';
import { GITHUB_URL_LIMIT, decodeState, shareUrl } from '../../../src/playground/share/codec.ts';
import { fenceFor, markdownForIssue, versionsLine } from '../../../src/playground/share/markdown.ts';
import type { PlaygroundState } from '../../../src/playground/store/state.ts';

const versions = { orm: '6.37.8', adapter: '0.1.0', database: 'SQLite 3.49.1 (sql.js 1.16.0)' };
const state: PlaygroundState = {
  orm: 'sequelize',
  engine: 'sqlite',
  implementation: 'ours',
  active: 'run.ts',
  options: { freshDatabase: true },
  files: [
    { name: 'run.ts', code: "import { a } from './a.ts';\nconsole.log(a);\n" },
    { name: 'a.ts', code: 'export const a = 1;' },
  ],
};
const page = 'https://adapter-lab.dev/playground/';

/** The fenced blocks of a Markdown text, as CommonMark reads them: [fence, info, body]. */
function fencedBlocks(markdown: string): Array<[string, string, string]> {
  const blocks: Array<[string, string, string]> = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const fence = open[1] ?? '';
    const body: string[] = [];
    let j = i + 1;
    // A closing fence is at least as long as the opening one, with nothing after it.
    while (j < lines.length && !new RegExp(`^\`{${fence.length},}\\s*$`).test(lines[j] ?? '')) body.push(lines[j++] ?? '');
    blocks.push([fence, open[2] ?? '', body.join('\n')]);
    i = j;
  }
  return blocks;
}

describe('versionsLine', () => {
  it('names the ORM, the adapter package and SQLite', () => {
    expect(versionsLine('sequelize', versions)).toBe('Sequelize 6.37.8, @adapter-lab/sequelize-adapter 0.1.0, SQLite 3.49.1 (sql.js 1.16.0)');
    expect(versionsLine('mikro-orm', { orm: '7.2.1', adapter: '0.1.0' })).toBe('MikroORM 7.2.1, @adapter-lab/mikro-orm-adapter 0.1.0');
    // The official package chosen: its own name, whether the runtime said it or not yet.
    expect(versionsLine('sequelize', { orm: 'Sequelize 6.37.8', adapter: '@auth/sequelize-adapter 2.11.3' }, 'official')).toBe(
      'Sequelize 6.37.8, @auth/sequelize-adapter 2.11.3',
    );
    expect(versionsLine('mikro-orm', { orm: 'MikroORM 5.9.6', adapter: 'unknown' }, 'official')).toBe('MikroORM 5.9.6, @auth/mikro-orm-adapter unknown');
    // As the runtime reports them: each name once.
    expect(
      versionsLine('sequelize', { orm: 'Sequelize 6.37.8', adapter: '@adapter-lab/sequelize-adapter 0.1.0', database: 'PostgreSQL 19.0 (PGlite 0.6.1)' }),
    ).toBe('Sequelize 6.37.8, @adapter-lab/sequelize-adapter 0.1.0, PostgreSQL 19.0 (PGlite 0.6.1)');
  });
});

describe('markdownForIssue', () => {
  it('gives the versions, the link, and every file in a details block', () => {
    const url = shareUrl(page, state);
    const markdown = markdownForIssue({ state, url, versions });
    expect(markdown).toBe(
      [
        `Reproduction in the [Adapter Lab playground](${url}) — Sequelize 6.37.8, @adapter-lab/sequelize-adapter 0.1.0, SQLite 3.49.1 (sql.js 1.16.0)`,
        '',
        '<details><summary>Code (2 files)</summary>',
        '',
        '**`run.ts`**',
        '',
        '```ts',
        "import { a } from './a.ts';",
        'console.log(a);',
        '```',
        '',
        '**`a.ts`**',
        '',
        '```ts',
        'export const a = 1;',
        '```',
        '',
        '</details>',
        '',
      ].join('\n'),
    );
  });

  it('says "1 file" for one file', () => {
    const one = { ...state, files: [state.files[0] ?? { name: 'run.ts', code: '' }] };
    expect(markdownForIssue({ state: one, url: shareUrl(page, one), versions })).toContain('<summary>Code (1 file)</summary>');
  });

  it('fences code longer than any backtick run in it, so the code comes back intact', () => {
    const tricky: PlaygroundState = {
      ...state,
      files: [
        { name: 'run.ts', code: 'const md = `\n```ts\nnot the end\n```\n`;' },
        { name: 'b.ts', code: 'const s = "``````"; // six\n````' },
        { name: 'c.ts', code: 'const t = `x`;' },
        { name: 'd.ts', code: '' },
      ],
    };
    const blocks = fencedBlocks(markdownForIssue({ state: tricky, url: shareUrl(page, tricky), versions }));
    expect(blocks.map(([fence]) => fence.length)).toEqual([4, 7, 3, 3]);
    expect(blocks.map(([, info]) => info)).toEqual(['ts', 'ts', 'ts', 'ts']);
    expect(blocks.map(([, , body]) => body)).toEqual(tricky.files.map((file) => file.code));
  });

  it('leaves out a link too long for GitHub, but keeps the code', () => {
    const big: PlaygroundState = {
      ...state,
      // Incompressible enough to pass the limit.
      files: [{ name: 'run.ts', code: Array.from({ length: 3000 }, (_, i) => `${(i * 2654435761) % 4294967296}`).join(',') }],
    };
    const url = shareUrl(page, big);
    expect(url.length).toBeGreaterThan(GITHUB_URL_LIMIT);
    expect(decodeState(new URL(url).hash).ok).toBe(true);
    const markdown = markdownForIssue({ state: big, url, versions });
    expect(markdown).not.toContain(url.split('#')[1]);
    expect(markdown).toContain(`[Adapter Lab playground](${page})`);
    expect(markdown).toMatch(/The share link is too long for GitHub \([\d,]+ characters, over 8,000\), so it is left out: the code below reproduces it\./);
    expect(fencedBlocks(markdown).map(([, , body]) => body)).toEqual([big.files[0]?.code]);
  });

  it('keeps a link destination from ending early', () => {
    const markdown = markdownForIssue({ state, url: 'https://x.dev/a (b)/#2.abc', versions });
    expect(markdown).toContain('(https://x.dev/a%20%28b%29/#2.abc)');
  });
});

describe('fenceFor', () => {
  it('is at least three backticks', () => {
    expect(fenceFor('')).toBe('```');
    expect(fenceFor('``')).toBe('```');
    expect(fenceFor('```')).toBe('````');
    expect(fenceFor('a ````` b ``')).toBe('``````');
  });
});
