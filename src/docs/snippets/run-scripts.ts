/**
 * Runs a page's table commands (shell-commands.ts) as a reader would: in a folder holding the
 * page's files, with `.env` and `.env.local` giving `DATABASE_URL` and `AUTH_SECRET` (also set in
 * the shell, as the docs conventions promise: `--url "$DATABASE_URL"`), through bash, each line
 * exactly as written. The folder is inside the repo, so `npx mikro-orm` finds the
 * repo's `node_modules/.bin` and imports resolve to the repo's packages; the adapters resolve to
 * their built package (`dist/`, what `npm install` gives a reader), built once per run into the
 * run folder's own node_modules by `buildAdapterPackages`. No network is used.
 *
 * Files are written as a reader following the page has them: before each command, every file at
 * its latest version shown above the command (or its first version when the page shows it only
 * further down).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { normalizeTitle, type DocsSnippet } from './extract.ts';
import {
  installedPackages,
  isDevInstall,
  isFileBlock,
  isShellBlock,
  isTableCommand,
  shellCommands,
  type DocsScenario,
  type ShellCommand,
} from './shell-commands.ts';
import { REPO_ROOT } from './type-check.ts';

const COMMAND_TIMEOUT_MS = 3 * 60_000;
const ADAPTER_PACKAGES = ['sequelize-adapter', 'mikro-orm-adapter'];
/** A package.json for pages that show none: the adapters are ESM, and so is a new SvelteKit or Qwik app. */
const DEFAULT_PACKAGE_JSON = `${JSON.stringify({ name: 'docs-page-project', private: true, type: 'module' }, null, 2)}\n`;

export interface CommandRun {
  readonly command: ShellCommand;
  readonly code: number | null;
  readonly output: string;
}

export class DocsCommandError extends Error {
  readonly run: CommandRun;
  constructor(run: CommandRun, cwd: string) {
    super(`${run.command.page}.mdx:${run.command.line}: \`${run.command.text}\` exited with ${run.code ?? 'a signal'} (in ${cwd})\n${run.output.trim()}`);
    this.run = run;
  }
}

/**
 * Compiles each adapter package with its own build config into `runDir/node_modules/@adapter-lab/…`
 * (package.json + dist/), so the projects under runDir import the built package, as published,
 * without touching the workspace's own dist/.
 */
export function buildAdapterPackages(runDir: string): void {
  for (const name of ADAPTER_PACKAGES) {
    const packageDir = join(REPO_ROOT, 'packages', name);
    const target = join(runDir, 'node_modules', '@adapter-lab', name);
    const config = ts.getParsedCommandLineOfConfigFile(
      join(packageDir, 'tsconfig.build.json'),
      { outDir: join(target, 'dist') },
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
        },
      },
    );
    if (!config) throw new Error(`No build config in ${packageDir}`);
    const emitted = ts.createProgram({ rootNames: config.fileNames, options: config.options }).emit();
    const errors = emitted.diagnostics.filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);
    if (errors.length) throw new Error(`Building ${name}: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}`);
    cpSync(join(packageDir, 'package.json'), join(target, 'package.json'));
  }
}

export interface ScenarioOptions {
  /** An empty folder inside `runDir` (which holds the built adapters). */
  readonly projectDir: string;
  readonly env: Readonly<Record<string, string>>;
  /** Run only these commands (default: every table command). */
  readonly select?: (command: ShellCommand) => boolean;
}

/** Writes the scenario's files and runs its table commands; throws DocsCommandError on the first failure. */
export async function runScenario(scenario: DocsScenario, options: ScenarioOptions): Promise<CommandRun[]> {
  const { projectDir } = options;
  mkdirSync(projectDir, { recursive: true });
  const files = scenario.snippets.filter(isFileBlock);
  const write = (snippet: DocsSnippet): void => writeProjectFile(projectDir, snippet, options.env);
  // Every file at its first version, then each later version as the page reaches it.
  const firstVersions = new Map<string, DocsSnippet>();
  for (const file of files) if (!firstVersions.has(normalizeTitle(file.title!))) firstVersions.set(normalizeTitle(file.title!), file);
  if (!firstVersions.has('package.json')) writeFileSync(join(projectDir, 'package.json'), DEFAULT_PACKAGE_JSON);
  for (const name of ['.env', '.env.local']) if (!firstVersions.has(name)) writeFileSync(join(projectDir, name), envFile('', options.env));
  for (const file of firstVersions.values()) write(file);

  const runs: CommandRun[] = [];
  for (const snippet of scenario.snippets) {
    if (isFileBlock(snippet)) {
      write(snippet);
      continue;
    }
    if (!isShellBlock(snippet)) continue;
    for (const command of shellCommands(snippet)) {
      const packages = installedPackages(command.text);
      if (packages) {
        assertInstalled(command, packages, projectDir);
        recordInstall(projectDir, packages, isDevInstall(command.text));
        continue;
      }
      if (!isTableCommand(command.text) || (options.select && !options.select(command))) continue;
      const run = await runCommand(command, projectDir, options.env);
      runs.push(run);
      if (run.code !== 0) throw new DocsCommandError(run, projectDir);
    }
  }
  return runs;
}

/** `.env*` files keep the page's other lines; the database and secret are the run's. */
function writeProjectFile(projectDir: string, snippet: DocsSnippet, env: Readonly<Record<string, string>>): void {
  const file = resolve(projectDir, normalizeTitle(snippet.title!));
  if (relative(projectDir, file).startsWith('..')) throw new Error(`${snippet.page}.mdx:${snippet.line}: title "${snippet.title}" leaves the project`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, /(^|\/)\.env(\.[\w.]+)?$/.test(file) ? envFile(snippet.code, env) : snippet.code);
}

function envFile(pageText: string, env: Readonly<Record<string, string>>): string {
  const ours = ['DATABASE_URL', 'DATABASE_CONNECTION_STRING', 'AUTH_SECRET'].filter((name) => env[name] !== undefined);
  // Any other variable of the page whose value is a PostgreSQL URL gets the run's database too.
  const database = env['DATABASE_URL'];
  const lines = pageText.split('\n').filter((line) => line.trim() && !ours.some((name) => new RegExp(`^\\s*(export\\s+)?${name}\\s*=`).test(line)));
  const kept = lines.map((line) =>
    database === undefined ? line : line.replace(/^(\s*(?:export\s+)?[A-Z][A-Z0-9_]*\s*=\s*)(["']?)postgres(?:ql)?:\/\/[^"'\s]*\2/, `$1"${database}"`),
  );
  return `${[...kept, ...ours.map((name) => `${name}="${env[name]}"`)].join('\n')}\n`;
}

/** Every package an install line names is in node_modules, as a reader's install would make it. */
function assertInstalled(command: ShellCommand, packages: readonly string[], projectDir: string): void {
  const missing = packages.filter((name) => !isInstalled(name, projectDir));
  if (missing.length)
    throw new Error(
      `${command.page}.mdx:${command.line}: \`${command.text}\` names ${missing.join(', ')}, not installed in this repo (add it as a devDependency so the page's commands can run)`,
    );
}

/** What `npm install` writes to package.json (tools such as the MikroORM CLI read it). */
function recordInstall(projectDir: string, packages: readonly string[], dev: boolean): void {
  const file = join(projectDir, 'package.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string> | undefined>;
  const field = dev ? 'devDependencies' : 'dependencies';
  const dependencies = { ...manifest[field] };
  for (const name of packages) dependencies[name] = `^${installedVersion(name, projectDir)}`;
  manifest[field] = Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

function installedVersion(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
    if (dir === dirname(dir)) throw new Error(`${name} is not installed`);
  }
}

function isInstalled(name: string, from: string): boolean {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return true;
    if (dir === dirname(dir)) return false;
  }
}

/** A shell as the reader's: the repo's bin folder and this Node first, no outer npm's or vitest's variables. */
export function commandEnv(extra: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(npm_|vitest)/i.test(key) || ['INIT_CWD', 'NODE', 'NODE_OPTIONS', 'NODE_ENV', 'TEST'].includes(key)) continue;
    env[key] = value;
  }
  env['PATH'] = [join(REPO_ROOT, 'node_modules', '.bin'), dirname(process.execPath), env['PATH'] ?? ''].join(delimiter);
  // `npx tool` of a tool the repo lacks fails at once instead of downloading it: CI has no network.
  env['npm_config_offline'] = 'true';
  return { ...env, ...extra };
}

function runCommand(command: ShellCommand, cwd: string, env: Readonly<Record<string, string>>): Promise<CommandRun> {
  return new Promise((done) => {
    // Its own process group, so that a timeout ends npx's node too, not only bash.
    const child = spawn('bash', ['-c', command.text], { cwd, env: commandEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    const timer = setTimeout(() => {
      output += `\n(killed after ${COMMAND_TIMEOUT_MS / 1000} s)`;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, COMMAND_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      done({ command, code: null, output: `${output}\n${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ command, code, output });
    });
  });
}
