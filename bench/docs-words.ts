/**
 * Words per docs page: the text a reader reads and, apart, the words of its code blocks
 * (src/docs/build/word-count.ts says what counts), with the overviews' limit beside them.
 * Prints; never fails (tests/unit/docs/pages.test.ts holds the limit).
 *
 *   node bench/docs-words.ts
 */
import { fileURLToPath } from 'node:url';
import { OVERVIEW_PAGES, OVERVIEW_WORD_LIMIT, countPageWords, docsPages, readPage } from '../src/docs/build/word-count.ts';
import { formatTable } from './measure.ts';

const DOCS = fileURLToPath(new URL('../src/content/docs/', import.meta.url));

const rows = docsPages(DOCS).map((page) => {
  const { words, codeWords } = countPageWords(readPage(DOCS, page));
  const limit = OVERVIEW_PAGES.includes(page) ? `≤ ${OVERVIEW_WORD_LIMIT}${words > OVERVIEW_WORD_LIMIT ? ' (over)' : ''}` : '';
  return { page, words, codeWords, limit };
});
const total = rows.reduce((sum, row) => ({ words: sum.words + row.words, codeWords: sum.codeWords + row.codeWords }), { words: 0, codeWords: 0 });

console.log('Docs pages: words of text, and words in fenced code blocks\n');
console.log(
  formatTable(
    ['page', 'words', 'code words', 'limit'],
    [...rows.map((row) => [row.page, String(row.words), String(row.codeWords), row.limit]), ['all pages', String(total.words), String(total.codeWords), '']],
  ),
);
