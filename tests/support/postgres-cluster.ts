// A throwaway PostgreSQL cluster for tests: initdb into a fresh temp dir, start on a free loopback
// port, trust auth for the `postgres` superuser, then stop it and delete the dir.
//
//   const cluster = await startPostgresCluster();
//   await cluster.createDatabase('t1');
//   new pg.Client({ connectionString: cluster.connectionString('t1') });
//   await cluster.stop();
//
// The server binaries are Debian's (/usr/lib/postgresql/<version>/bin, the highest version
// installed), or POSTGRES_BIN_DIR, or initdb/pg_ctl on PATH. initdb and postgres refuse to run as
// root, so as root every binary runs as the `postgres` system user through `runuser` and the dir
// is chowned to it; as any other user they run directly.
//
// Durability is switched off (fsync, synchronous_commit, full_page_writes): the data is thrown
// away anyway. Leftovers: each cluster lives in os.tmpdir()/adapter-lab-pg-XXXXXX with an
// owner.json naming the process that started it. Exit and signal handlers stop live clusters when
// that process ends; one killed outright (SIGKILL, OOM) leaves a running server and its dir
// behind, and the next startPostgresCluster() on this machine stops and removes every cluster
// whose owner process is gone. By hand: `pg_ctl -D <dir>/data -m immediate stop`, then remove
// the dir.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { appendFile, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { HOST, freePort, isExecutable, isRoot, onExitSync, reapOrphans, writeOwner } from './throwaway-server.ts';

/** Prefix of every cluster dir under os.tmpdir(). */
export const CLUSTER_DIR_PREFIX = 'adapter-lab-pg-';

export interface PostgresCluster {
  /** Always 127.0.0.1 (TCP); the Unix socket is in `socketDir` too. */
  readonly host: string;
  readonly port: number;
  /** Superuser, no password (trust auth). */
  readonly user: string;
  readonly socketDir: string;
  /** `postgres://postgres@127.0.0.1:<port>/<database>`; database defaults to `postgres`. */
  connectionString(database?: string): string;
  createDatabase(name: string): Promise<void>;
  /** Drops the database even if clients are still connected (WITH (FORCE)); no error if absent. */
  dropDatabase(name: string): Promise<void>;
  /** Stops the server and removes its dir. Idempotent. */
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// `pg` has no bundled types and @types/pg is not a dependency: load it through require with the
// small typed surface the tests use.

export interface PgQueryResult<Row> {
  rows: Row[];
  rowCount: number | null;
}

export interface PgClient {
  connect(): Promise<void>;
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<PgQueryResult<Row>>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface PgClientConfig {
  connectionString?: string;
  host?: string;
  port?: number;
  user?: string;
  database?: string;
}

interface PgModule {
  Client: new (config: PgClientConfig) => PgClient;
}

let pgModule: PgModule | undefined;

/** A new, unconnected `pg.Client`. */
export function createPgClient(config: PgClientConfig): PgClient {
  pgModule ??= createRequire(import.meta.url)('pg') as PgModule;
  return new pgModule.Client(config);
}

/** Runs `work` on a connected client and always closes it. */
export async function withPgClient<T>(config: PgClientConfig, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = createPgClient(config);
  // An idle client whose server goes away emits 'error'; unhandled, that would crash the process.
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `"name"` with embedded quotes doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

// ---------------------------------------------------------------------------------------------

const SUPERUSER = 'postgres';
const PORT_ATTEMPTS = 5;

interface Binaries {
  initdb: string;
  pgCtl: string;
}

/** Where initdb and pg_ctl are; throws a message naming the fix when PostgreSQL is missing. */
export function findPostgresBinaries(): Binaries {
  const inDir = (dir: string): Binaries | undefined => {
    const initdb = join(dir, 'initdb');
    const pgCtl = join(dir, 'pg_ctl');
    return isExecutable(initdb) && isExecutable(pgCtl) ? { initdb, pgCtl } : undefined;
  };
  const fromEnv = process.env['POSTGRES_BIN_DIR'];
  if (fromEnv) {
    const found = inDir(fromEnv);
    if (!found) throw new Error(`POSTGRES_BIN_DIR=${fromEnv} has no executable initdb and pg_ctl.`);
    return found;
  }
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((name) => /^\d+(\.\d+)?$/.test(name))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    for (const version of versions) {
      const found = inDir(join(debianRoot, version, 'bin'));
      if (found) return found;
    }
  }
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    const found = dir ? inDir(dir) : undefined;
    if (found) return found;
  }
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/<version>/bin, ' +
      "POSTGRES_BIN_DIR or PATH. Install Debian's postgresql: run `node scripts/ensure-system-packages.ts` " +
      '(npm test does) or `sudo apt-get install postgresql`.',
  );
}

/** [command, args] running `binary` as the postgres user when we are root, directly otherwise. */
function asServerUser(binary: string, args: string[]): [string, string[]] {
  if (!isRoot()) return [binary, args];
  // util-linux's runuser is in /usr/sbin, which a non-login PATH may lack.
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser'].find(isExecutable) ?? 'runuser';
  return [runuser, ['-u', SUPERUSER, '--', binary, ...args]];
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(binary: string, args: string[], cwd: string): Promise<RunResult> {
  const [command, commandArgs] = asServerUser(binary, args);
  return new Promise((resolve, reject) => {
    // cwd: the postgres user may not be allowed into the caller's cwd (e.g. under /root).
    execFile(command, commandArgs, { cwd, env: serverEnv(), timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number')
        reject(error); // spawn failure or timeout
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** The environment without libpq's PG* variables, which would otherwise steer pg_ctl. */
function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C' };
  for (const key of Object.keys(env)) if (key.startsWith('PG')) delete env[key];
  return env;
}

function serverUserIds(): { uid: number; gid: number } {
  const id = (flag: string): number => {
    const result = spawnSync('id', [flag, SUPERUSER], { encoding: 'utf8' });
    const value = Number.parseInt(result.stdout, 10);
    if (result.status !== 0 || Number.isNaN(value)) {
      throw new Error(
        `Running as root, and there is no \`${SUPERUSER}\` system user to run PostgreSQL as ` +
          "(initdb refuses root). Debian's postgresql package creates it; or run the tests as a non-root user.",
      );
    }
    return value;
  };
  return { uid: id('-u'), gid: id('-g') };
}

// --- Leftover clusters -----------------------------------------------------------------------

/** Live clusters of this process, by dir → stop synchronously on exit. */
const liveClusters = new Map<string, { dataDir: string; pgCtl: string }>();
function stopAllSync(): void {
  for (const [dir, { dataDir, pgCtl }] of liveClusters) {
    liveClusters.delete(dir);
    stopDirSync(dir, dataDir, pgCtl);
  }
}

function stopDirSync(dir: string, dataDir: string, pgCtl: string): void {
  if (existsSync(join(dataDir, 'postmaster.pid'))) {
    const [command, args] = asServerUser(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    spawnSync(command, args, { cwd: dir, env: serverEnv(), stdio: 'ignore', timeout: 30_000 });
  }
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------

/** Settings appended to postgresql.conf. The port comes on the command line (it may change). */
function serverSettings(socketDir: string): string {
  const quote = (value: string): string => `'${value.replaceAll("'", "''")}'`;
  return [
    '',
    '# adapter-lab throwaway test cluster',
    `listen_addresses = ${quote(HOST)}`,
    `unix_socket_directories = ${quote(socketDir)}`,
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    // Test files run in parallel, each with its own pools.
    'max_connections = 200',
    '',
  ].join('\n');
}

export interface StartOptions {
  /** Picks the port of each start attempt; default: a free loopback port. For tests. */
  pickPort?: () => Promise<number>;
}

export async function startPostgresCluster(options: StartOptions = {}): Promise<PostgresCluster> {
  const pickPort = options.pickPort ?? freePort;
  const { initdb, pgCtl } = findPostgresBinaries();
  reapOrphans(tmpdir(), CLUSTER_DIR_PREFIX, (dir) => stopDirSync(dir, join(dir, 'data'), pgCtl));
  const ids = isRoot() ? serverUserIds() : undefined;

  const dir = await mkdtemp(join(tmpdir(), CLUSTER_DIR_PREFIX));
  const dataDir = join(dir, 'data');
  onExitSync(stopAllSync);
  liveClusters.set(dir, { dataDir, pgCtl });
  try {
    await writeOwner(dir);
    if (ids) await chown(dir, ids.uid, ids.gid);

    const init = await run(initdb, ['-D', dataDir, '-A', 'trust', '-U', SUPERUSER, '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], dir);
    if (init.code !== 0) throw new Error(`initdb failed (exit ${init.code}):\n${init.stderr || init.stdout}`);
    await appendFile(join(dataDir, 'postgresql.conf'), serverSettings(dir));

    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await pickPort();
      // -l: without a log file the server would inherit our stdout and pg_ctl never "ends".
      // One per attempt: the server user must create it, and an old one would mislead.
      const logFile = join(dir, `postgres-${attempt}.log`);
      const start = await run(pgCtl, ['-D', dataDir, '-l', logFile, '-o', `-p ${port}`, '-w', '-t', '60', 'start'], dir);
      if (start.code === 0) break;
      const log = await readFile(logFile, 'utf8').catch(() => '');
      const portTaken = /Address already in use|could not create any TCP\/IP sockets/i.test(log);
      if (!portTaken || attempt >= PORT_ATTEMPTS) {
        throw new Error(
          `pg_ctl start failed (exit ${start.code}, port ${port}, attempt ${attempt}):\n` + `${start.stderr || start.stdout}\n--- ${logFile} ---\n${log}`,
        );
      }
    }

    const connectionString = (database = 'postgres'): string => `postgres://${SUPERUSER}@${HOST}:${port}/${encodeURIComponent(database)}`;
    const admin = (sql: string): Promise<void> =>
      withPgClient({ connectionString: connectionString() }, async (client) => {
        await client.query(sql);
      });
    let stopping: Promise<void> | undefined;
    return {
      host: HOST,
      port,
      user: SUPERUSER,
      socketDir: dir,
      connectionString,
      createDatabase: (name) => admin(`CREATE DATABASE ${quoteIdentifier(name)}`),
      dropDatabase: (name) => admin(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`),
      stop: () =>
        (stopping ??= (async () => {
          liveClusters.delete(dir);
          // No postmaster.pid: the server is already gone (crashed or killed); just clean up.
          const running = existsSync(join(dataDir, 'postmaster.pid'));
          const stop = running ? await run(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], dir) : undefined;
          await rm(dir, { recursive: true, force: true });
          if (stop && stop.code !== 0) throw new Error(`pg_ctl stop failed (exit ${stop.code}):\n${stop.stderr}`);
        })()),
    };
  } catch (error) {
    liveClusters.delete(dir);
    stopDirSync(dir, dataDir, pgCtl);
    throw error;
  }
}
