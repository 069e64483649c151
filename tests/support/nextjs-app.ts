// A docs page's Next.js quick start, assembled into the app a reader would have and run as they
// would: create-next-app's package.json, tsconfig.json and root layout, plus the page's own files
// (its titled blocks outside any tab: the quick start's),
// then `next build` without the runtime variables, the page's table command, `next start`, and
// an e-mail sign-in through Auth.js's REST endpoints.
//
//   const app = await assemblePageApp('sequelize/overview', join(runDir, 'sequelize'));
//   await app.build();
//   await app.runTableCommands({ DATABASE_URL, AUTH_SECRET });
//   const server = await app.start({ DATABASE_URL, AUTH_SECRET, AUTH_TRUST_HOST: 'true' });
//   const session = await signInByEmailLink(server, 'ada@example.com');
//   await server.stop();
//
// The app lives in a folder inside the repo (under the git-ignored .snippet-check/), so module
// resolution walks up to the repo's node_modules (next, next-auth, react, sequelize, pg,
// @mikro-orm/*), and the adapters resolve to their built packages in the run folder's
// node_modules (buildAdapterPackages: package.json + dist/, what `npm install` gives a reader).
// Every process runs on the Node that runs the tests (Node 24 inside npm scripts), in its own
// process group, with an environment as in a reader's shell.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { projectFiles, readPageSnippets, type DocsSnippet } from '../../src/docs/snippets/extract.ts';
import { commandEnv } from '../../src/docs/snippets/run-scripts.ts';
import { installedPackages, isDevInstall, isShellBlock, isTableCommand, shellCommands } from '../../src/docs/snippets/shell-commands.ts';
import { REPO_ROOT } from '../../src/docs/snippets/type-check.ts';

const NEXT_BIN = join(REPO_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const COMMAND_TIMEOUT_MS = 6 * 60_000;

/** What `npx create-next-app@latest` (Next.js 16, TypeScript, App Router, no Tailwind/ESLint) writes besides the page. */
const CREATE_NEXT_APP_TSCONFIG = {
  compilerOptions: {
    target: 'ES2017',
    lib: ['dom', 'dom.iterable', 'esnext'],
    allowJs: true,
    skipLibCheck: true,
    strict: true,
    noEmit: true,
    esModuleInterop: true,
    module: 'esnext',
    moduleResolution: 'bundler',
    resolveJsonModule: true,
    isolatedModules: true,
    jsx: 'react-jsx',
    incremental: true,
    plugins: [{ name: 'next' }],
    paths: { '@/*': ['./*'] },
  },
  include: ['next-env.d.ts', '**/*.ts', '**/*.tsx', '.next/types/**/*.ts', '.next/dev/types/**/*.ts', '**/*.mts'],
  exclude: ['node_modules'],
};
const CREATE_NEXT_APP_LAYOUT = `export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
`;

export interface ProcessResult {
  readonly code: number | null;
  readonly output: string;
  readonly ms: number;
}

export interface PageApp {
  readonly dir: string;
  /** The page's files as written into the app (path → content). */
  readonly files: ReadonlyMap<string, string>;
  /** The variables the page's `.env.local` sets. */
  readonly envVariables: readonly string[];
  /** The quick start's table commands, as written. */
  readonly tableCommands: readonly string[];
  /** `next build` with no DATABASE_*, AUTH_* variables and no .env file; throws with its output on failure. */
  build(): Promise<ProcessResult>;
  /** Writes the page's `.env.local` as shown and runs the table commands; `env` overrides its values (Node's --env-file keeps the environment's). */
  runTableCommands(env: Readonly<Record<string, string>>): Promise<ProcessResult[]>;
  start(env: Readonly<Record<string, string>>): Promise<RunningApp>;
}

export interface RunningApp {
  readonly origin: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** The version of a package as installed in the repo (for the app's package.json, as npm would record it). */
function installedVersion(name: string): string {
  const manifest = join(REPO_ROOT, 'node_modules', name, 'package.json');
  if (!existsSync(manifest)) throw new Error(`${name} is not installed in the repo`);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function writeFile(dir: string, path: string, content: string): void {
  const file = resolve(dir, path);
  if (relative(dir, file).startsWith('..')) throw new Error(`${path} leaves the app folder`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** A reader's shell: no npm/vitest variables, this Node first on PATH, and none of the app's runtime variables unless given. */
function appEnv(extra: Readonly<Record<string, string>>): Record<string, string> {
  const env = commandEnv({});
  for (const key of Object.keys(env)) if (/^(DATABASE_|AUTH_|NEXTAUTH_)/.test(key)) delete env[key];
  return { ...env, NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

interface Spawned {
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<number | null>;
}

/** Starts a command in its own process group (so stopping it ends whatever it started). */
function spawnGroup(command: string, args: readonly string[], cwd: string, env: Record<string, string>): Spawned {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => {
    child.on('error', (error) => {
      output += `\n${error.message}`;
      done(null);
    });
    child.on('close', (code) => done(code));
  });
  return { child, output: () => output, exited };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function run(command: string, args: readonly string[], cwd: string, env: Record<string, string>): Promise<ProcessResult> {
  const started = performance.now();
  const spawned = spawnGroup(command, args, cwd, env);
  const timer = setTimeout(() => killGroup(spawned.child, 'SIGKILL'), COMMAND_TIMEOUT_MS);
  const code = await spawned.exited;
  clearTimeout(timer);
  return { code, output: spawned.output(), ms: performance.now() - started };
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/**
 * Writes the app for `page` (`sequelize/overview`) into `dir`, an empty folder inside the repo
 * whose ancestors' node_modules hold the built adapters.
 */
export function assemblePageApp(page: string, dir: string): PageApp {
  const snippets = readPageSnippets(page);
  // The quick start is outside any tab: its blocks are the project of the empty tab path.
  const files = projectFiles(snippets, []);
  const envFile = files.get('.env.local');
  if (envFile === undefined) throw new Error(`${page}: the quick start shows no .env.local`);
  files.delete('.env.local');

  const outside = snippets.filter((snippet: DocsSnippet) => snippet.tabs.length === 0 && isShellBlock(snippet));
  const commands = outside.flatMap(shellCommands).map(({ text }) => text);
  const tableCommands = commands.filter(isTableCommand);
  const installLines = commands.filter((text) => installedPackages(text) !== undefined);
  const installed = (dev: boolean): string[] => installLines.filter((text) => isDevInstall(text) === dev).flatMap((text) => installedPackages(text)!);

  mkdirSync(dir, { recursive: true });
  // What create-next-app and the page's install lines put there (every package must be in the repo's node_modules).
  const versions = (names: string[]): Record<string, string> => Object.fromEntries(names.sort().map((name) => [name, `^${installedVersion(name)}`]));
  const manifest = {
    name: 'my-app',
    version: '0.1.0',
    private: true,
    scripts: { dev: 'next dev', build: 'next build', start: 'next start' },
    dependencies: versions(['next', 'react', 'react-dom', ...installed(false)]),
    devDependencies: versions(['typescript', '@types/node', '@types/react', ...installed(true)]),
  };
  writeFile(dir, 'package.json', `${JSON.stringify(manifest, null, 2)}\n`);
  writeFile(dir, 'tsconfig.json', `${JSON.stringify(CREATE_NEXT_APP_TSCONFIG, null, 2)}\n`);
  writeFile(dir, 'app/layout.tsx', CREATE_NEXT_APP_LAYOUT);
  for (const [path, content] of files) writeFile(dir, path, content);

  const node = process.execPath;
  return {
    dir,
    files,
    envVariables: [...envFile.matchAll(/^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=/gm)].map((match) => match[1]!),
    tableCommands,
    async build() {
      const result = await run(node, [NEXT_BIN, 'build'], dir, appEnv({}));
      if (result.code !== 0) throw new Error(`${page}: next build exited with ${result.code} in ${dir}\n${result.output}`);
      return result;
    },
    async runTableCommands(env) {
      writeFile(dir, '.env.local', envFile);
      const results: ProcessResult[] = [];
      for (const command of tableCommands) {
        const result = await run('bash', ['-c', command], dir, appEnv(env));
        if (result.code !== 0) throw new Error(`${page}: \`${command}\` exited with ${result.code} in ${dir}\n${result.output}`);
        results.push(result);
      }
      return results;
    },
    async start(env) {
      const port = await freePort();
      const spawned = spawnGroup(node, [NEXT_BIN, 'start', '--port', String(port)], dir, appEnv(env));
      const origin = `http://localhost:${port}`;
      const stop = async (): Promise<void> => {
        killGroup(spawned.child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(spawned.child, 'SIGKILL'), 5_000);
        await spawned.exited;
        clearTimeout(timer);
      };
      const deadline = Date.now() + 90_000;
      for (;;) {
        if (spawned.child.exitCode !== null) throw new Error(`${page}: next start exited with ${spawned.child.exitCode}\n${spawned.output()}`);
        const ready = await fetch(`${origin}/api/auth/providers`).then(
          (response) => response.ok,
          () => false,
        );
        if (ready) break;
        if (Date.now() > deadline) {
          await stop();
          throw new Error(`${page}: next start did not answer within 90 s\n${spawned.output()}`);
        }
        await new Promise((done) => setTimeout(done, 250));
      }
      return { origin, output: spawned.output, stop };
    },
  };
}

/** A browser's cookie jar for one origin (names and values only: enough for Auth.js's cookies). */
class CookieJar {
  readonly #cookies = new Map<string, string>();
  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  store(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(';', 1)[0]!;
      const equals = pair.indexOf('=');
      this.#cookies.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim());
    }
  }
}

export interface EmailSignIn {
  /** The sign-in link the app printed. */
  readonly link: string;
  /** GET /api/auth/session after following the link. */
  readonly session: { user?: { email?: string | null } } | null;
  /** The home page's HTML, signed in. */
  readonly home: string;
}

/**
 * Signs `email` in as a reader's browser would with the page's e-mail provider: the CSRF token,
 * the sign-in form's POST, the link the app prints to its console, then the session.
 */
export async function signInByEmailLink(app: RunningApp, email: string, providerId = 'email'): Promise<EmailSignIn> {
  const jar = new CookieJar();
  const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetch(new URL(path, app.origin), { ...init, redirect: 'manual', headers: { ...init.headers, cookie: jar.header() } });
    jar.store(response);
    return response;
  };
  const { csrfToken } = (await (await request('/api/auth/csrf')).json()) as { csrfToken: string };
  const printedBefore = app.output().length;
  const signIn = await request(`/api/auth/signin/${providerId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, email, callbackUrl: app.origin }),
  });
  const sentTo = signIn.headers.get('location') ?? '';
  if (signIn.status !== 302 || !sentTo.includes('/api/auth/verify-request'))
    throw new Error(`Sign-in form answered ${signIn.status} → ${sentTo}\n${app.output()}`);

  const linkPattern = /https?:\/\/\S+\/api\/auth\/callback\/[\w-]+\?\S+/;
  let link: string | undefined;
  for (const deadline = Date.now() + 30_000; !link; await new Promise((done) => setTimeout(done, 100))) {
    link = linkPattern.exec(app.output().slice(printedBefore))?.[0];
    if (!link && Date.now() > deadline) throw new Error(`The app printed no sign-in link\n${app.output()}`);
  }
  const { pathname, search } = new URL(link);
  const callback = await request(`${pathname}${search}`);
  const landedOn = callback.headers.get('location') ?? '';
  if (callback.status !== 302 || landedOn.includes('error')) throw new Error(`The sign-in link answered ${callback.status} → ${landedOn}\n${app.output()}`);

  const session = (await (await request('/api/auth/session')).json()) as EmailSignIn['session'];
  const home = await (await request('/')).text();
  return { link, session, home };
}
