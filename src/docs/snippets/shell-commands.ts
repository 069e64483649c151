/**
 * The commands the docs tell readers to run to create their tables, found in the pages' shell
 * blocks, and the scenarios that run them (run-scripts.ts executes them against PostgreSQL).
 *
 * A table command is a line of a shell block that runs the MikroORM CLI, sequelize-cli, or a
 * script file (`node scripts/migrate.ts`, `npx tsx migrate.ts up`). `npm install` lines are
 * not run (no network in CI) but every package they name must be installed. Anything else
 * (`npm run dev`, `openssl …`) is not a table command and is left alone.
 */
import type { DocsSnippet } from './extract.ts';

const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell', 'zsh', 'console', 'shellscript', '']);
/** Databases the runner cannot give a page: their tabs are not run (PostgreSQL is). */
export const OTHER_DATABASES = new Set(['MySQL', 'MariaDB', 'SQLite', 'SQL Server', 'libSQL / Turso', 'libSQL', 'Turso', 'MSSQL']);
export const RUN_DATABASE = 'PostgreSQL';

export interface ShellCommand {
  readonly page: string;
  /** The line of the command in the page's source. */
  readonly line: number;
  /** As written, continuation lines joined. */
  readonly text: string;
  readonly snippet: DocsSnippet;
}

/**
 * A shell block holds commands unless its title names a file (`.env`, `scripts/setup.sh`); a
 * title such as "Terminal" only labels the frame.
 */
export function isShellBlock(snippet: DocsSnippet): boolean {
  return SHELL_LANGUAGES.has(snippet.lang.toLowerCase()) && !isFileBlock(snippet);
}

/** A block whose title names the file it stands for (a `diff` block only shows a change to it). */
export function isFileBlock(snippet: DocsSnippet): boolean {
  if (snippet.title === undefined || snippet.lang === 'diff') return false;
  return !SHELL_LANGUAGES.has(snippet.lang.toLowerCase()) || /^\S*[./]\S*$/.test(snippet.title);
}

/** The commands of a shell block: one per line (joined at a trailing `\`), without comments-only lines and `$ ` prompts. */
export function shellCommands(snippet: DocsSnippet): ShellCommand[] {
  const commands: ShellCommand[] = [];
  const lines = snippet.code.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const start = index;
    let text = lines[index]!;
    while (/\\\s*$/.test(text) && index + 1 < lines.length) text = `${text.replace(/\s*\\\s*$/, '')} ${lines[++index]!.trim()}`;
    text = text.trim().replace(/^\$\s+/, '');
    if (text === '' || text.startsWith('#')) continue;
    commands.push({ page: snippet.page, line: snippet.line + 1 + start, text, snippet });
  }
  return commands;
}

/** The words of a command without leading `VAR=value` assignments. */
function words(text: string): string[] {
  const all = text
    .replace(/\s#.*$/, '')
    .trim()
    .split(/\s+/);
  let first = 0;
  while (first < all.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(all[first]!)) first++;
  return all.slice(first);
}

const SCRIPT_FILE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** Runs the MikroORM CLI, sequelize-cli, or a script file with node/tsx. */
export function isTableCommand(text: string): boolean {
  let [program, ...rest] = words(text);
  if (program === 'npx' || (program === 'npm' && rest[0] === 'exec')) {
    rest = rest.filter((word, i) => !(program === 'npm' && i === 0) && word !== '--' && !/^-/.test(word));
    [program, ...rest] = rest;
  }
  if (program === undefined) return false;
  if (/^(mikro-orm|mikro-orm-esm|sequelize|sequelize-cli)$/.test(program)) return true;
  if (/^(node|tsx|ts-node|ts-node-esm)$/.test(program)) return rest.some((word) => !word.startsWith('-') && SCRIPT_FILE.test(word));
  return false;
}

/** The packages an `npm install`/`npm i`/`npm add` line names, without versions; undefined for other lines. */
export function installedPackages(text: string): string[] | undefined {
  const [program, verb, ...rest] = words(text);
  if (program !== 'npm' || !['install', 'i', 'add', 'isntall'].includes(verb ?? '')) return undefined;
  return rest.filter((word) => !word.startsWith('-')).map((spec) => spec.replace(/^(@?[^@]+)@.*$/, '$1'));
}

/** An install line that saves to devDependencies. */
export function isDevInstall(text: string): boolean {
  return words(text).some((word) => word === '-D' || word === '--save-dev');
}

export interface DocsScenario {
  readonly page: string;
  /** The tabs a reader chose: the table commands' own tab path, plus PostgreSQL where a page offers it. */
  readonly choice: readonly string[];
  /** The page's blocks in that choice, in page order: files (titled) and commands (shell). */
  readonly snippets: readonly DocsSnippet[];
}

/** A block is in a choice when each of its tabs is chosen. */
const inChoice = (snippet: DocsSnippet, choice: readonly string[]): boolean => snippet.tabs.every((label) => choice.includes(label));

/**
 * One scenario per tab path holding table commands (the commands outside tabs run in each; alone
 * when every such command is outside tabs). Tabs of other databases are not run.
 */
export function pageScenarios(snippets: readonly DocsSnippet[]): DocsScenario[] {
  const withCommands = snippets.filter((snippet) => isShellBlock(snippet) && shellCommands(snippet).some(({ text }) => isTableCommand(text)));
  const runnable = withCommands.filter(({ tabs }) => !tabs.some((label) => OTHER_DATABASES.has(label)));
  if (runnable.length === 0) return [];
  const paths = new Map<string, readonly string[]>();
  for (const { tabs } of runnable) if (tabs.length) paths.set(JSON.stringify(tabs), tabs);
  const offersDatabase = snippets.some(({ tabs }) => tabs.includes(RUN_DATABASE));
  return (paths.size ? [...paths.values()] : [[]]).map((tabs) => {
    const choice = offersDatabase && !tabs.includes(RUN_DATABASE) ? [...tabs, RUN_DATABASE] : [...tabs];
    return { page: runnable[0]!.page, choice, snippets: snippets.filter((snippet) => !snippet.excerpt && inChoice(snippet, choice)) };
  });
}

/** Every table command of these blocks, run by a scenario or not (a coverage check compares). */
export function tableCommands(snippets: readonly DocsSnippet[]): ShellCommand[] {
  return snippets
    .filter(isShellBlock)
    .flatMap(shellCommands)
    .filter(({ text }) => isTableCommand(text));
}
