/**
 * How long a docs page is for its reader: the words of its text (headings, paragraphs, lists,
 * tables, asides, card titles and descriptions) and, apart, the words of its fenced code blocks.
 * Front matter, MDX imports, component tags and Markdown syntax (link targets, table rules,
 * emphasis) are not words. Shared by `bench/docs-words.ts` (prints every page) and the docs
 * tests (the overviews' limit), so both count the same way.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The limit for the two "Set up" pages, in words of text (code not counted). */
export const OVERVIEW_WORD_LIMIT = 900;
export const OVERVIEW_PAGES: readonly string[] = ['sequelize/overview', 'mikro-orm/overview'];

export interface PageWords {
  /** Words of the text, fenced code excluded. */
  readonly words: number;
  /** Words inside fenced code blocks. */
  readonly codeWords: number;
}

const FENCE = /^([ \t]*)(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^\1\2[ \t]*$/gm;
/** A word holds at least one letter or digit; punctuation and table rules alone are not words. */
const countTokens = (text: string): number => text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;

/** The text a reader sees, from MDX source, with fenced code removed. */
export function readerText(source: string): string {
  return (
    source
      .replace(/^---\n[\s\S]*?\n---\n/, '')
      .replace(FENCE, '')
      .replace(/^(import|export)\s[^\n]*$/gm, '')
      .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
      // Visible attribute values (a card's title and description) stay; the tags go.
      .replace(/<[A-Za-z][^<>]*?>/g, (tag) => [...tag.matchAll(/\b(?:title|description|label)="([^"]*)"/g)].map((match) => ` ${match[1]} `).join(''))
      .replace(/<\/[A-Za-z][^<>]*>/g, ' ')
      .replace(/\]\([^)\s]*\)/g, ']')
      .replace(/^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$/gm, '')
      .replace(/[|*_#>[\]]/g, ' ')
  );
}

export function countPageWords(source: string): PageWords {
  let codeWords = 0;
  for (const match of source.matchAll(FENCE)) codeWords += countTokens(match[3]!);
  return { words: countTokens(readerText(source)), codeWords };
}

/** Every page under `docsDir` as `section/page` (no extension), sorted. */
export function docsPages(docsDir: string): string[] {
  return readdirSync(docsDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.mdx?$/.test(file))
    .map((file) =>
      file
        .replace(/\.mdx?$/, '')
        .split('\\')
        .join('/'),
    )
    .sort();
}

export function readPage(docsDir: string, page: string): string {
  for (const extension of ['.mdx', '.md']) {
    try {
      return readFileSync(join(docsDir, `${page}${extension}`), 'utf8');
    } catch {
      // try the next extension
    }
  }
  throw new Error(`No docs page ${page} in ${docsDir}`);
}
