/**
 * Which files each page's TypeScript/JavaScript blocks make up, per the docs conventions: the
 * blocks outside any tab plus, for each tab path, the blocks of that tab form one project; a
 * titled block is the file its title names (a later same-title block replaces it), an untitled
 * one a module of its own; `excerpt` blocks are left out.
 */
import { normalizeTitle, projectSnippets, type DocsSnippet } from './extract.ts';

/** Fence languages that are type-checked, with the extension an untitled block gets. */
const CHECKED_LANGUAGES: Readonly<Record<string, string>> = {
  ts: 'ts',
  typescript: 'ts',
  tsx: 'tsx',
  mts: 'mts',
  cts: 'cts',
  js: 'js',
  javascript: 'js',
  jsx: 'jsx',
  mjs: 'mjs',
  cjs: 'cjs',
};
const SOURCE_EXTENSION = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

export interface ProjectFile {
  /** Relative to the project's root. */
  readonly path: string;
  readonly snippet: DocsSnippet;
}

export interface SnippetProject {
  readonly page: string;
  /** The tab path, outermost first; empty for the blocks outside any tab. */
  readonly tabs: readonly string[];
  readonly files: readonly ProjectFile[];
  /** The files whose diagnostics are this project's to report. */
  readonly checked: readonly string[];
}

export function isChecked(snippet: DocsSnippet): boolean {
  return !snippet.excerpt && snippet.lang.toLowerCase() in CHECKED_LANGUAGES;
}

/** The file a block is written to. */
export function filePath(snippet: DocsSnippet): string {
  const extension = CHECKED_LANGUAGES[snippet.lang.toLowerCase()] ?? 'ts';
  if (snippet.title === undefined) return `snippet-line-${snippet.line}.${extension}`;
  const path = normalizeTitle(snippet.title);
  return SOURCE_EXTENSION.test(path) ? path : `${path}.${extension}`;
}

/**
 * The projects of one page's blocks. Each tab path holding a checked block is a project (the
 * blocks outside tabs are checked in each of them; alone when the page has no such tab). A titled
 * block that a later one replaces is checked too, in a project of its own: the final files with
 * that one file as the block shows it.
 */
export function pageProjects(snippets: readonly DocsSnippet[]): SnippetProject[] {
  const checked = snippets.filter(isChecked);
  if (checked.length === 0) return [];
  const paths = new Map<string, readonly string[]>();
  for (const { tabs } of checked) if (tabs.length) paths.set(JSON.stringify(tabs), tabs);
  const tabPaths = paths.size ? [...paths.values()] : [[]];
  const projects: SnippetProject[] = [];
  const variants = new Set<DocsSnippet>();
  for (const tabs of tabPaths) {
    const final = new Map<string, DocsSnippet>();
    const replaced: ProjectFile[] = [];
    for (const snippet of projectSnippets(checked, tabs)) {
      const path = filePath(snippet);
      const earlier = final.get(path);
      if (earlier) replaced.push({ path, snippet: earlier });
      final.set(path, snippet);
    }
    const files = [...final].map(([path, snippet]) => ({ path, snippet }));
    const page = checked[0]!.page;
    projects.push({ page, tabs, files, checked: files.map(({ path }) => path) });
    for (const earlier of replaced) {
      if (variants.has(earlier.snippet)) continue;
      variants.add(earlier.snippet);
      projects.push({ page, tabs, files: files.map((file) => (file.path === earlier.path ? earlier : file)), checked: [earlier.path] });
    }
  }
  return projects;
}
