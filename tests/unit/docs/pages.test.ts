// The docs pages and their examples agree: every <Example id> names an example folder, every
// folder is shown on some page, and no page shows as a plain code block what a reader could run
// (a block whose imports the playground serves, one of them an adapter): that must be an
// <Example>, so it gets its "Open in playground" link and CI runs it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importable, isAuthModule } from '../../../src/playground/module-names.ts';
import { exampleFilePaths } from '../../../src/playground/build/read-examples.ts';
import { apiReference } from '../../../src/docs/build/api-reference.ts';
import { OVERVIEW_PAGES, OVERVIEW_WORD_LIMIT, countPageWords } from '../../../src/docs/build/word-count.ts';

const DOCS = fileURLToPath(new URL('../../../src/content/docs/', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../../src/docs/examples/', import.meta.url));
// Pages may also show the playground's built-in examples; those need not be on a page.
const PLAYGROUND_EXAMPLES = fileURLToPath(new URL('../../../src/playground/examples/', import.meta.url));

const pages = readdirSync(DOCS, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.mdx') || file.endsWith('.md'))
  .sort();
const source = (page: string): string => readFileSync(join(DOCS, page), 'utf8');
const folders = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
const exampleIds = folders(EXAMPLES);
const showable = [...exampleIds, ...folders(PLAYGROUND_EXAMPLES)];
const usedIds = (page: string): string[] => [...source(page).matchAll(/<Example\b[^>]*\bid="([^"]+)"/g)].map((match) => match[1]!);

const SERVED = new Set([...importable('sequelize'), ...importable('mikro-orm')]);
const ADAPTERS = /^@(adapter-lab\/(sequelize|mikro-orm)-adapter|auth\/(sequelize|mikro-orm)-adapter)$/;

/** The fenced TypeScript/JavaScript blocks of an MDX page, with their line numbers. */
function codeBlocks(text: string): Array<{ line: number; code: string }> {
  const blocks: Array<{ line: number; code: string }> = [];
  const pattern = /^([ \t]*)(`{3,})(ts|typescript|js|javascript|tsx|mts)\b[^\n]*\n([\s\S]*?)^\1\2[ \t]*$/gm;
  for (const match of text.matchAll(pattern)) blocks.push({ line: text.slice(0, match.index).split('\n').length, code: match[4]! });
  return blocks;
}

const imports = (code: string): string[] =>
  [...code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*["']([^"']+)["']|(?:^|\n)\s*import\s*["']([^"']+)["']/g)].map(
    (match) => match[1] ?? match[2]!,
  );

it('there are pages and examples', () => {
  expect(pages.length).toBeGreaterThan(15);
  expect(exampleIds.length).toBeGreaterThan(5);
});

describe.each(pages)('%s', (page) => {
  it('shows only examples that exist', () => {
    expect(usedIds(page).filter((id) => !showable.includes(id))).toEqual([]);
  });

  it('has no runnable code as a plain block (it would have no playground link, and CI would not run it)', () => {
    const runnable = codeBlocks(source(page)).filter(({ code }) => {
      const specifiers = imports(code);
      // Only import lines (how to import the API) is not an example.
      const body = code
        .replace(/^\s*(import|export)\b[^;\n]*(\{[^}]*\}[^;\n]*)?;?\s*$/gm, '')
        .replace(/^\s*\/\/.*$/gm, '')
        .trim();
      // A framework's Auth.js setup (next-auth, @auth/express, …) is a file of the reader's app: the
      // snippet checks type-check it and the quick start builds it; pasted, it runs, but it is no example.
      return (
        body !== '' &&
        specifiers.some((specifier) => ADAPTERS.test(specifier)) &&
        specifiers.every((specifier) => SERVED.has(specifier)) &&
        !specifiers.some(isAuthModule)
      );
    });
    expect(runnable.map(({ line }) => `${page}:${line}`)).toEqual([]);
  });
});

it("every one of the docs' own examples is shown on some page", () => {
  const used = new Set(pages.flatMap(usedIds));
  expect(exampleIds.filter((id) => !used.has(id))).toEqual([]);
});

// Words the project uses for itself, which mean nothing to a reader: say what they stand for.
const PROJECT_VOCABULARY = ['by role', 'surrogate', 'plain model', 'kysely client', 'conformance suite'];
const vocabularyIn = (text: string): string[] => PROJECT_VOCABULARY.filter((term) => text.toLowerCase().includes(term));

describe('reader pages are short and say things once', () => {
  it.each(OVERVIEW_PAGES)(`%s has at most ${OVERVIEW_WORD_LIMIT} words of text (code blocks apart)`, (page) => {
    expect(countPageWords(source(`${page}.mdx`)).words).toBeLessThanOrEqual(OVERVIEW_WORD_LIMIT);
  });

  it('no page, example shown on a page, or generated API reference uses the project vocabulary', () => {
    const found: string[] = [];
    for (const page of pages) found.push(...vocabularyIn(source(page)).map((term) => `${page}: "${term}"`));
    for (const id of exampleIds) {
      // The folder's files, and those it shows from elsewhere (example.json's sharedFiles).
      const files = new Map(readdirSync(join(EXAMPLES, id)).map((file) => [file, join(EXAMPLES, id, file)]));
      for (const [file, path] of exampleFilePaths(EXAMPLES, id)) files.set(file, path);
      for (const [file, path] of files) found.push(...vocabularyIn(readFileSync(path, 'utf8')).map((term) => `${id}/${file}: "${term}"`));
    }
    for (const name of ['sequelize-adapter', 'mikro-orm-adapter']) {
      const api = apiReference(name);
      const docs = [
        api.doc,
        ...api.entries.flatMap((entry) => [entry.doc, ...entry.params.map((param) => param.doc), ...entry.members.map((member) => member.doc)]),
      ];
      found.push(...vocabularyIn(docs.join('\n')).map((term) => `API reference of ${name}: "${term}"`));
    }
    expect(found).toEqual([]);
  });

  it('the tables are created in DDL on the schema page only', () => {
    const fences = /^([ \t]*)(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^\1\2[ \t]*$/gm;
    const elsewhere = pages
      .filter((page) => page !== 'reference/schema.mdx')
      .filter((page) => [...source(page).matchAll(fences)].some((match) => /\bcreate\s+table\b/i.test(match[3]!.replace(/--[^\n]*/g, ''))));
    expect(elsewhere).toEqual([]);
    expect(source('reference/schema.mdx')).toMatch(/CREATE TABLE "authenticators"/);
  });
});
