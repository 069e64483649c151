// What the tests' throwaway database servers (postgres-cluster.ts, mariadb-server.ts) share: a
// loopback port, an exit hook that stops this process's servers, and reaping the directories of
// servers whose owning process died (each directory holds an owner.json naming its process).
import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const HOST = '127.0.0.1';

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export const isRoot = (): boolean => process.getuid?.() === 0;

/** A loopback port that was free a moment ago (bind port 0, read it, release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not read the port of a probe server.'));
      });
    });
  });
}

const exitHooks = new Set<() => void>();

/** Runs `stopAllSync` when the process exits or gets SIGINT/SIGTERM/SIGHUP (once per hook). */
export function onExitSync(stopAllSync: () => void): void {
  if (exitHooks.size === 0) {
    process.on('exit', runExitHooks);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        runExitHooks();
        // Nobody else handles it: re-raise so the process dies as it would have without us.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    }
  }
  exitHooks.add(stopAllSync);
}

function runExitHooks(): void {
  for (const hook of exitHooks) hook();
}

/** Marks `dir` as this process's, for reapOrphans in later runs. */
export function writeOwner(dir: string): Promise<void> {
  return writeFile(join(dir, 'owner.json'), JSON.stringify({ pid: process.pid, hostname: hostname() }));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Calls `remove` on each `root/<prefix>*` dir whose owner is a process of this host that no longer exists. */
export function reapOrphans(root: string, prefix: string, remove: (dir: string) => void): void {
  let names: string[];
  try {
    names = readdirSync(root).filter((name) => name.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(root, name);
    try {
      let owner: { pid: number; hostname: string } | undefined;
      try {
        owner = JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')) as typeof owner;
      } catch {
        // No owner file: being created right now, or written by a crashed start. Wait an hour.
        if (Date.now() - statSync(dir).mtimeMs < 3_600_000) continue;
      }
      if (owner && (owner.hostname !== hostname() || isAlive(owner.pid))) continue;
      remove(dir);
    } catch {
      // Another process reaping the same dir, or not ours to remove: leave it.
    }
  }
}

/**
 * For tests of a server's start: a port picker whose first port is held by a listener of ours
 * (until `release()`), then free ones — the start must move on to the second port.
 */
export async function portTakenFirst(): Promise<{ pickPort: () => Promise<number>; offered: number[]; release: () => void }> {
  const squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(0, HOST, resolve));
  const taken = (squatter.address() as AddressInfo).port;
  const offered: number[] = [];
  return {
    offered,
    pickPort: async () => {
      const port = offered.length === 0 ? taken : await freePort();
      offered.push(port);
      return port;
    },
    release: () => squatter.close(),
  };
}
