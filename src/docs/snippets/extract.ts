/**
 * The fenced code blocks of the docs pages, with what the snippet checks need to know about each:
 * where it is (page and line, for error messages), its language and `title="…"` (the file it
 * stands for), the `<TabItem label="…">`s around it (which project it belongs to) and whether it
 * is marked `excerpt` (deliberately partial, never checked).
 *
 * A line scanner rather than an MDX parser: the pages only need fences (``` or ~~~, 3 or more,
 * closed by the same character at least as long, so a longer fence can show a shorter one),
 * indentation (Starlight's <Steps> lists and <Tabs> indent their blocks) and the TabItem tags
 * between fences. Pure apart from reading the files.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DocsSnippet {
  /** The page's path under the docs folder, without extension: `sequelize/overview`. */
  readonly page: string;
  /** 1-based line of the opening fence in the page. */
  readonly line: number;
  /** `ts`, `tsx`, `js`, `sh`, `json`, … (the info string's first word). */
  readonly lang: string;
  /** From `title="…"`: the file the block stands for. */
  readonly title?: string;
  /** Everything in the info string after the language. */
  readonly meta: string;
  /** Labels of the enclosing `<TabItem label="…">`, outermost first. */
  readonly tabs: readonly string[];
  /** The meta holds the word `excerpt`: a deliberately partial block. */
  readonly excerpt: boolean;
  /** The block's content without the indentation of its fence, ending with a newline (unless empty). */
  readonly code: string;
}

export const DOCS_DIR = fileURLToPath(new URL('../../content/docs/', import.meta.url));

const OPENING_FENCE = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const TAG = /<(\/?)TabItem\b((?:[^>"'{}]|"[^"]*"|'[^']*'|\{[^}]*\})*)>/g;

/** Parses one page's text. `page` only labels the snippets. */
export function parseSnippets(text: string, page: string): DocsSnippet[] {
  const lines = text.split(/\r?\n/);
  const snippets: DocsSnippet[] = [];
  const tabs: string[] = [];
  // Text outside fences not yet matched as a tag (a tag may span lines).
  let pending = '';
  let index = frontmatterEnd(lines);
  while (index < lines.length) {
    const line = lines[index]!;
    const fence = OPENING_FENCE.exec(line);
    // A backtick fence's info string cannot hold a backtick (that is inline code).
    if (fence && !(fence[2]![0] === '`' && fence[3]!.includes('`'))) {
      const [, indent, marker, info] = fence as unknown as [string, string, string, string];
      const closing = new RegExp(`^[ \\t]*${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
      const body: string[] = [];
      let end = index + 1;
      while (end < lines.length && !closing.test(lines[end]!)) body.push(lines[end++]!);
      snippets.push(snippet(page, index + 1, info.trim(), [...tabs], dedent(body, indent.length)));
      index = end + 1;
      pending = '';
      continue;
    }
    pending += `${line}\n`;
    TAG.lastIndex = 0;
    let consumed = 0;
    for (let match = TAG.exec(pending); match; match = TAG.exec(pending)) {
      consumed = TAG.lastIndex;
      const attributes = match[2]!;
      if (match[1]) tabs.pop();
      else if (!/\/\s*$/.test(attributes)) tabs.push(label(attributes));
    }
    pending = pending.slice(consumed);
    // Only an unfinished tag is worth carrying over.
    if (!/<\/?TabItem\b[^>]*$/.test(pending)) pending = '';
    index++;
  }
  return snippets;
}

export function readPageSnippets(page: string, docsDir: string = DOCS_DIR): DocsSnippet[] {
  const file = pageFiles(docsDir).find((candidate) => pageName(docsDir, candidate) === page);
  if (!file) throw new Error(`No docs page ${page} in ${docsDir}`);
  return parseSnippets(readFileSync(file, 'utf8'), page);
}

export function readAllSnippets(docsDir: string = DOCS_DIR): DocsSnippet[] {
  return pageFiles(docsDir).flatMap((file) => parseSnippets(readFileSync(file, 'utf8'), pageName(docsDir, file)));
}

/** Every page under the docs folder, as `readPageSnippets` names them, sorted. */
export function listPages(docsDir: string = DOCS_DIR): string[] {
  return pageFiles(docsDir).map((file) => pageName(docsDir, file));
}

/**
 * The snippets of one project, in the order they apply: the blocks outside any tab, then those
 * of each tab on the path `tabs`, outermost first, each level in page order. A block in a deeper
 * tab (a database tab inside the Next.js tab) is not part of `['Next.js']`'s project but of
 * `['Next.js', 'PostgreSQL']`'s: sibling tabs often show the same file twice.
 */
export function projectSnippets(snippets: readonly DocsSnippet[], tabs: readonly string[]): DocsSnippet[] {
  const onPath = (snippet: DocsSnippet): boolean => snippet.tabs.length <= tabs.length && snippet.tabs.every((label, i) => tabs[i] === label);
  return snippets
    .filter(onPath)
    .map((snippet, order) => ({ snippet, order }))
    .sort((a, b) => a.snippet.tabs.length - b.snippet.tabs.length || a.order - b.order)
    .map(({ snippet }) => snippet);
}

/**
 * The files of one project: titled blocks outside any tab, then those of the tabs `tabs`
 * (later same-title blocks win). `excerpt` blocks are fragments and `diff` blocks show a change,
 * never whole files.
 */
export function projectFiles(snippets: readonly DocsSnippet[], tabs: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const snippet of projectSnippets(snippets, tabs)) {
    if (snippet.title !== undefined && !snippet.excerpt && snippet.lang !== 'diff') files.set(normalizeTitle(snippet.title), snippet.code);
  }
  return files;
}

/** A title as a relative path: `./auth.ts` and `auth.ts` are one file. */
export function normalizeTitle(title: string): string {
  return title.replace(/^(\.\/)+/, '');
}

function snippet(page: string, line: number, info: string, tabs: string[], code: string): DocsSnippet {
  const [, lang = '', meta = ''] = /^(\S*)\s*([\s\S]*)$/.exec(info)!;
  const title = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)')/.exec(meta);
  // `excerpt` as a word of its own, not inside a quoted value.
  const words = meta.replace(/"[^"]*"|'[^']*'/g, ' ');
  const base = { page, line, lang, meta, tabs, excerpt: /(?:^|\s)excerpt(?:\s|$)/.test(words), code };
  return title ? { ...base, title: title[1] ?? title[2]! } : base;
}

/** Removes up to `width` leading spaces (a tab counts as one) from each line. */
function dedent(lines: readonly string[], width: number): string {
  const stripped = lines.map((line) => {
    let cut = 0;
    while (cut < width && (line[cut] === ' ' || line[cut] === '\t')) cut++;
    return line.slice(cut);
  });
  return stripped.length ? `${stripped.join('\n')}\n` : '';
}

function label(attributes: string): string {
  const match = /\blabel\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*(?:"([^"]*)"|'([^']*)'|`([^`]*)`)\s*\})/.exec(attributes);
  return match ? (match.slice(1).find((value) => value !== undefined) ?? '') : '';
}

function frontmatterEnd(lines: readonly string[]): number {
  if (lines[0]?.trim() !== '---') return 0;
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  return end < 0 ? 0 : end + 1;
}

function pageFiles(docsDir: string): string[] {
  return readdirSync(docsDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.mdx?$/.test(file))
    .map((file) => join(docsDir, file))
    .sort();
}

function pageName(docsDir: string, file: string): string {
  return relative(docsDir, file)
    .split(sep)
    .join('/')
    .replace(/\.mdx?$/, '');
}
