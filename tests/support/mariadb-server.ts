// A throwaway MariaDB server for tests: mariadb-install-db into a fresh temp dir, mariadbd on a
// free loopback port with its socket, pid file and logs in that dir, a password-less `root`
// account (normal password auth, not the unix socket), then kill it and delete the dir.
//
//   const server = await startMariaDbServer();
//   await server.createDatabase('t1');
//   await mariadb.createConnection(server.connectionString('t1'));
//   await server.stop();
//
// The binaries are Debian's mariadb-server (/usr/sbin/mariadbd, /usr/bin/mariadb-install-db) or
// the first on PATH. mariadbd refuses to run as root unless told to: as root it gets
// --user=root. No option file is read (--no-defaults), so the machine's own MariaDB setup (and
// a system service on 3306, if any) plays no part; the character set is Debian's default
// (utf8mb4, utf8mb4_general_ci), as readers' servers have it.
//
// Durability is off (no doublewrite, a small redo log, InnoDB without fsync): the data is thrown
// away, and stop() kills the server outright. The dir is in /dev/shm (memory) when there is one:
// the system tables' engine (Aria) and every CREATE TABLE still sync their files, and on a busy
// disk that made the bootstrap take ~6 s instead of ~1 s. Leftovers: each server lives in
// <that root>/adapter-lab-mariadb-XXXXXX with an owner.json naming the process that started it.
// Exit and signal handlers kill live servers when that process ends; one killed outright
// (SIGKILL, OOM) leaves a running server and its dir behind, and the next startMariaDbServer()
// on this machine kills and removes every server whose owner process is gone. By hand:
// `kill -9 $(cat <dir>/mariadbd.pid)`, then remove the dir.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createConnection } from 'mariadb';
import { HOST, freePort, isExecutable, isRoot, onExitSync, reapOrphans, writeOwner } from './throwaway-server.ts';

/** Prefix of every server dir under serverRoot(). */
export const SERVER_DIR_PREFIX = 'adapter-lab-mariadb-';

/** /dev/shm when it is a writable dir (Linux), else os.tmpdir(). */
export function serverRoot(): string {
  try {
    accessSync('/dev/shm', constants.W_OK | constants.X_OK);
    if (statSync('/dev/shm').isDirectory()) return '/dev/shm';
  } catch {
    // No /dev/shm here.
  }
  return tmpdir();
}

export interface MariaDbServer {
  /** Always 127.0.0.1 (TCP); the Unix socket is `socketPath`. */
  readonly host: string;
  readonly port: number;
  /** `root`, no password. */
  readonly user: string;
  readonly socketPath: string;
  /** The temp dir holding data, socket, pid file and logs; gone after stop(). */
  readonly dir: string;
  /** `mariadb://root@127.0.0.1:<port>/<database>`; no database by default. */
  connectionString(database?: string): string;
  createDatabase(name: string): Promise<void>;
  /** No error if absent. */
  dropDatabase(name: string): Promise<void>;
  /** Kills the server and removes its dir. Idempotent. */
  stop(): Promise<void>;
}

/** `` `name` `` with embedded backticks doubled. */
export function quoteMariaDbIdentifier(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** Runs one statement as root over TCP on a short-lived connection. */
export async function mariaDbAdmin(server: { host: string; port: number; user: string }, sql: string): Promise<void> {
  const connection = await createConnection({ host: server.host, port: server.port, user: server.user });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

const USER = 'root';
const PORT_ATTEMPTS = 5;
const READY_TIMEOUT_MS = 60_000;

interface Binaries {
  installDb: string;
  mariadbd: string;
}

/** Where mariadb-install-db and mariadbd are; throws a message naming the fix when missing. */
export function findMariaDbBinaries(): Binaries {
  const find = (name: string): string | undefined => {
    const dirs = ['/usr/sbin', '/usr/bin', ...(process.env['PATH'] ?? '').split(delimiter)];
    return dirs.map((dir) => join(dir || '.', name)).find(isExecutable);
  };
  const installDb = find('mariadb-install-db');
  const mariadbd = find('mariadbd');
  if (installDb && mariadbd) return { installDb, mariadbd };
  throw new Error(
    'MariaDB server binaries (mariadbd, mariadb-install-db) not found in /usr/sbin, /usr/bin or PATH. ' +
      "Install Debian's mariadb-server: run `node scripts/ensure-system-packages.ts` (npm test does) " +
      'or `sudo apt-get install mariadb-server`.',
  );
}

/** Options for both the bootstrap and the server. `loose-`: a version without one only warns. */
function commonOptions(dataDir: string): string[] {
  return [
    // Must come first: no /etc/mysql/*.cnf, no ~/.my.cnf.
    '--no-defaults',
    `--datadir=${dataDir}`,
    ...(isRoot() ? [`--user=${USER}`] : []),
    '--skip-name-resolve',
    '--skip-log-bin',
    '--loose-innodb-buffer-pool-size=32M',
    '--loose-innodb-log-file-size=4M',
    '--loose-innodb-flush-log-at-trx-commit=0',
    '--loose-innodb-doublewrite=0',
    '--loose-innodb-flush-method=nosync',
  ];
}

function serverOptions(dir: string, port: number, logFile: string): string[] {
  return [
    ...commonOptions(join(dir, 'data')),
    `--bind-address=${HOST}`,
    `--port=${port}`,
    `--socket=${join(dir, 'mariadbd.sock')}`,
    `--pid-file=${join(dir, 'mariadbd.pid')}`,
    `--log-error=${logFile}`,
    `--tmpdir=${dir}`,
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_general_ci',
    // Test files run in parallel, each with its own pools.
    '--max-connections=300',
  ];
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: { ...process.env, LC_ALL: 'C' }, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number')
        reject(error); // spawn failure or timeout
      else resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}` });
    });
  });
}

/** A loopback port that was free a moment ago (bind port 0, read it, release it). */
// --- Live and leftover servers ---------------------------------------------------------------

/** Live servers of this process: dir → child. Killed synchronously on exit. */
const liveServers = new Map<string, ChildProcess>();
function killAllSync(): void {
  for (const [dir, child] of liveServers) {
    liveServers.delete(dir);
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Kills the mariadbd of `dir` if its pid file names a live mariadbd of that very dir. */
function killDirServerSync(dir: string): void {
  try {
    const pid = Number.parseInt(readFileSync(join(dir, 'mariadbd.pid'), 'utf8'), 10);
    // A recycled pid belongs to someone else: only kill a process started on this dir.
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) process.kill(pid, 'SIGKILL');
  } catch {
    // No pid file, no such process, or no /proc: nothing of ours is running there.
  }
}

// ---------------------------------------------------------------------------------------------

type Outcome = { ready: true } | { ready: false; code: number | null; log: string };

/** Waits until the log says "ready for connections", or the server exits. */
async function whenReady(child: ChildProcess, logFile: string): Promise<Outcome> {
  let exited: number | null | undefined;
  child.once('exit', (code, signal) => {
    exited = code ?? (signal ? -1 : null);
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const log = await readFile(logFile, 'utf8').catch(() => '');
    if (/ready for connections/.test(log)) return { ready: true };
    if (exited !== undefined || Date.now() > deadline) {
      if (exited === undefined) child.kill('SIGKILL');
      return { ready: false, code: exited ?? null, log };
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface StartOptions {
  /** Picks the port of each start attempt; default: a free loopback port. For tests. */
  pickPort?: () => Promise<number>;
}

export async function startMariaDbServer(options: StartOptions = {}): Promise<MariaDbServer> {
  const pickPort = options.pickPort ?? freePort;
  const { installDb, mariadbd } = findMariaDbBinaries();
  const root = serverRoot();
  reapOrphans(root, SERVER_DIR_PREFIX, (dir) => {
    killDirServerSync(dir);
    rmSync(dir, { recursive: true, force: true });
  });

  const dir = await mkdtemp(join(root, SERVER_DIR_PREFIX));
  onExitSync(killAllSync);
  try {
    await writeOwner(dir);
    // normal: root@localhost/127.0.0.1/::1 with an empty password, not unix-socket auth.
    const install = await run(installDb, [...commonOptions(join(dir, 'data')), '--auth-root-authentication-method=normal', '--skip-test-db'], dir);
    if (install.code !== 0) throw new Error(`mariadb-install-db failed (exit ${install.code}):\n${install.output}`);

    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await pickPort();
      // One log per attempt, so an earlier attempt's lines never mislead.
      const logFile = join(dir, `mariadbd-${attempt}.log`);
      const child = spawn(mariadbd, serverOptions(dir, port, logFile), { cwd: dir, stdio: 'ignore' });
      child.on('error', () => {}); // a spawn failure also ends in 'exit'
      // Our exit handlers kill it; it must not keep the test process alive by itself.
      child.unref();
      liveServers.set(dir, child);
      const outcome = await whenReady(child, logFile);
      if (outcome.ready) break;
      liveServers.delete(dir);
      const portTaken = /Address already in use|Bind on TCP\/IP port/i.test(outcome.log);
      if (!portTaken || attempt >= PORT_ATTEMPTS) {
        throw new Error(`mariadbd did not start (exit ${outcome.code}, port ${port}, attempt ${attempt}):\n--- ${logFile} ---\n${outcome.log}`);
      }
    }

    const server = { host: HOST, port, user: USER };
    let stopping: Promise<void> | undefined;
    return {
      ...server,
      socketPath: join(dir, 'mariadbd.sock'),
      dir,
      connectionString: (database = '') => `mariadb://${USER}@${HOST}:${port}/${encodeURIComponent(database)}`,
      createDatabase: (name) => mariaDbAdmin(server, `CREATE DATABASE ${quoteMariaDbIdentifier(name)}`),
      dropDatabase: (name) => mariaDbAdmin(server, `DROP DATABASE IF EXISTS ${quoteMariaDbIdentifier(name)}`),
      stop: () =>
        (stopping ??= (async () => {
          const child = liveServers.get(dir);
          liveServers.delete(dir);
          if (child && child.exitCode === null && child.signalCode === null) {
            const exited = new Promise((resolve) => child.once('exit', resolve));
            child.ref(); // keep this process alive until the server is gone
            child.kill('SIGKILL');
            await exited;
          }
          await rm(dir, { recursive: true, force: true });
        })()),
    };
  } catch (error) {
    liveServers.get(dir)?.kill('SIGKILL');
    liveServers.delete(dir);
    killDirServerSync(dir);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
