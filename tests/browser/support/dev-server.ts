// Starts `astro dev` for a test, on a free loopback port, and stops it (and its children).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ASTRO = fileURLToPath(new URL('../../../node_modules/astro/bin/astro.mjs', import.meta.url));

export interface DevServer {
  url: string;
  output: () => string;
  close(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The environment a developer's shell would give `npm start`: none of vitest's own variables. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ASTRO_TELEMETRY_DISABLED: '1' };
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(VITEST|VITE_|TEST$|NODE_ENV$)/.test(name)) env[name] = value;
  }
  return env;
}

/**
 * The port is free when chosen; should another process take it first, Vite moves to the next
 * one and prints it, so the URL is read from the server's own output.
 */
export async function startDevServer(timeoutMs = 60_000): Promise<DevServer> {
  const port = await freePort();
  // process.execPath is the Node that runs the tests: Node 24 under npm scripts.
  // --ignore-lock: run beside a developer's own `npm start` (Astro allows one tracked dev server
  // per project) and never detach into the background.
  const child: ChildProcess = spawn(process.execPath, [ASTRO, 'dev', '--ignore-lock', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: cleanEnv(),
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`astro dev did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the terminal's colour codes (ESC [ … m) from the server's output.
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output.replace(/\x1b\[[0-9;]*m/g, ''));
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`astro dev exited (${code}):\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM'); // the whole group: astro and its esbuild/rolldown helpers
      await exited;
    },
  };
}
