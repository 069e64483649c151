// "Install it like a user would": pack a package directory with `npm pack`, install the tarball
// from scratch into a fresh temporary project (package.json with "type": "module") together
// with real dependencies from the npm registry, then run and type-check consumer files there.
//
//   const project = await packAndInstall('packages/sequelize-adapter', { sequelize: '6.37.8' });
//   await writeFile(join(project.projectDir, 'consumer.mjs'), '…');
//   const { code, stdout, stderr } = await runNode(project.projectDir, 'consumer.mjs');
//   const check = await typeCheck(project.projectDir, 'consumer.ts');
//   await project.cleanup();
//
// Processes run on the Node that runs the tests (process.execPath: Node 24 inside npm scripts),
// npm is the machine's (`npm` on PATH, outside any node_modules/.bin). Inside `npm test` the
// outer npm exports npm_config_* (local_prefix=/work/main, prefix, save_exact from the repo's
// .npmrc, allow_scripts, workspace when run with -w, …), npm_package_*, npm_lifecycle_*, INIT_CWD
// and NODE; a nested npm would read them as its own config. Every child process here gets an
// environment without them, without vitest's VITEST*/TEST/NODE_ENV markers and without
// NODE_OPTIONS (no loaders), so it behaves as in a user's shell.
//
// Temp dirs are os.tmpdir()/adapter-lab-npm-XXXXXX; removed by cleanup(), or at process exit.
import { execFile } from 'node:child_process';
import { accessSync, constants, realpathSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve, sep } from 'node:path';

export const NPM_DIR_PREFIX = 'adapter-lab-npm-';

export interface InstalledProject {
  /** The temporary project: package.json, node_modules/<package>, node_modules/<dependencies>. */
  readonly projectDir: string;
  /** Absolute path of the packed tarball (in a sibling dir, outside projectDir). */
  readonly tarball: string;
  /** `name` from the packed package.json. */
  readonly packageName: string;
  /** Removes the project and the tarball. Idempotent. */
  cleanup(): Promise<void>;
}

export interface RunResult {
  /** Exit code; null when killed by a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

const INSTALL_TIMEOUT_MS = 5 * 60_000;
const RUN_TIMEOUT_MS = 2 * 60_000;

/** process.env as a user's shell would have it: no outer npm run, no vitest, no loaders. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_') || lower.startsWith('vitest')) continue;
    if (['INIT_CWD', 'NODE', 'NODE_OPTIONS', 'NODE_ENV', 'TEST'].includes(key)) continue;
    env[key] = value;
  }
  // Lifecycle scripts (prepack, install scripts) find the same Node first on PATH.
  env['PATH'] = [dirname(process.execPath), env['PATH'] ?? ''].join(delimiter);
  return { ...env, ...extra };
}

let npmCommand: [string, string[]] | undefined;

/** [command, leading args] running the machine's npm on process.execPath. */
function findNpm(): [string, string[]] {
  if (npmCommand) return npmCommand;
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter(Boolean);
  // A project's own node_modules/.bin/npm is not "the machine's npm".
  const ordered = [...dirs.filter((dir) => !dir.includes(`${sep}node_modules${sep}`)), ...dirs];
  for (const dir of ordered) {
    const candidate = join(dir, 'npm');
    try {
      accessSync(candidate, constants.X_OK);
    } catch {
      continue;
    }
    const real = realpathSync(candidate);
    if (!real.endsWith('.js')) {
      npmCommand = [candidate, []];
      return npmCommand;
    }
    // Usually a symlink to <prefix>/lib/node_modules/npm/bin/npm-cli.js: run it on our Node, not
    // on its shebang's. npm derives its global config (<prefix>/etc/npmrc: cafile here) from the
    // Node binary's location, so name the machine's explicitly.
    const prefix = /^(.*)[\\/]lib[\\/]node_modules[\\/]npm[\\/]bin[\\/]npm-cli\.js$/.exec(real)?.[1];
    const globalConfig = prefix === undefined ? [] : ['--globalconfig', join(prefix, 'etc', 'npmrc')];
    npmCommand = [process.execPath, [real, ...globalConfig]];
    return npmCommand;
  }
  throw new Error('npm not found on PATH.');
}

function spawnCollect(command: string, args: string[], options: { cwd: string; env: Record<string, string>; timeout: number }): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(command, args, { ...options, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && error.code === 'ENOENT') {
        reject(error);
        return;
      }
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      const signal = error?.signal ?? null;
      resolvePromise({ code, signal: signal as NodeJS.Signals | null, stdout, stderr });
    });
  });
}

async function npm(args: string[], cwd: string): Promise<RunResult> {
  const [command, leading] = findNpm();
  const result = await spawnCollect(command, [...leading, ...args], {
    cwd,
    env: cleanEnv(),
    timeout: INSTALL_TIMEOUT_MS,
  });
  if (result.code !== 0) {
    throw new Error(`npm ${args.join(' ')} failed in ${cwd} (exit ${result.code ?? result.signal}):\n${result.stderr}\n${result.stdout}`);
  }
  return result;
}

const liveDirs = new Set<string>();
let exitHandlerInstalled = false;

function track(dir: string): void {
  liveDirs.add(dir);
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  process.on('exit', () => {
    for (const leftover of liveDirs) rmSync(leftover, { recursive: true, force: true });
  });
}

/**
 * Packs `packageDir` (runs its prepack/prepare scripts, like `npm publish` would) and installs
 * the tarball plus `dependencies` (name → version or range, from the registry) into a fresh
 * ESM project.
 */
export async function packAndInstall(packageDir: string, dependencies: Record<string, string> = {}): Promise<InstalledProject> {
  const root = await mkdtemp(join(tmpdir(), NPM_DIR_PREFIX));
  track(root);
  const cleanup = async (): Promise<void> => {
    liveDirs.delete(root);
    await rm(root, { recursive: true, force: true });
  };
  try {
    const packDir = join(root, 'pack');
    const projectDir = join(root, 'project');
    await mkdir(packDir);
    await mkdir(projectDir);

    const packed = await npm(['pack', '--json', '--pack-destination', packDir], resolve(packageDir));
    const tarballs = (await readdir(packDir)).filter((name) => name.endsWith('.tgz'));
    if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${packDir}:\n${packed.stdout}`);
    const tarball = join(packDir, tarballs[0] ?? '');
    const packageName = parsePackedName(packed.stdout);

    await writeFile(
      join(projectDir, 'package.json'),
      `${JSON.stringify({ name: 'adapter-lab-pack-consumer', version: '0.0.0', private: true, type: 'module' }, null, 2)}\n`,
    );
    const specs = Object.entries(dependencies).map(([name, version]) => `${name}@${version}`);
    await npm(['install', '--no-audit', '--no-fund', '--save', tarball, ...specs], projectDir);
    return { projectDir, tarball, packageName, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** The package name from `npm pack --json` output (scripts may print before the JSON). */
function parsePackedName(stdout: string): string {
  const start = stdout.search(/^\[/m);
  const parsed: unknown = JSON.parse(start >= 0 ? stdout.slice(start) : stdout);
  const first: unknown = Array.isArray(parsed) ? parsed[0] : undefined;
  if (first && typeof first === 'object' && 'name' in first && typeof first.name === 'string') return first.name;
  throw new Error(`Unexpected npm pack --json output:\n${stdout}`);
}

/** Runs `file` (relative to projectDir) with plain `node`: no loader, no NODE_OPTIONS, cwd projectDir. */
export function runNode(projectDir: string, file: string, env: Record<string, string> = {}): Promise<RunResult> {
  return spawnCollect(process.execPath, [file], { cwd: projectDir, env: cleanEnv(env), timeout: RUN_TIMEOUT_MS });
}

let tscPath: string | undefined;

/**
 * Type-checks `file` (relative to projectDir) with the repo's TypeScript as a consumer would:
 * `--strict --module nodenext --moduleResolution nodenext --target es2022 --noEmit`, no
 * tsconfig; `extraArgs` go before the file. Errors are in stdout; code 0 means clean.
 */
export function typeCheck(projectDir: string, file: string, extraArgs: string[] = []): Promise<RunResult> {
  tscPath ??= join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  const args = [tscPath, '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022'];
  // --skipDefaultLibCheck: TypeScript's own lib files need no checking (saves ~2 s); the package's
  // .d.ts files and any @types still are checked.
  const flags = ['--noEmit', '--skipDefaultLibCheck', '--pretty', 'false'];
  return spawnCollect(process.execPath, [...args, ...flags, ...extraArgs, file], {
    cwd: projectDir,
    env: cleanEnv(),
    timeout: RUN_TIMEOUT_MS,
  });
}
