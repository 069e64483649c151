import type { PGlite } from '@electric-sql/pglite';
import { PglitePgConnection } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { prepareValue } from 'pg/lib/utils.js';
import type { StatementEvent } from '../engine.ts';

/** What a pg connection needs of PGlite: the wire protocol, once it is ready. */
type ProtocolTarget = Pick<PGlite, 'waitReady' | 'execProtocolStream'>;

/** The engine's side of the module: the database of the moment, one queue for all connections, and where statements are reported. */
export interface PgModuleHost {
  /** The PGlite instance the database is now (it changes when a dump is loaded). */
  current(): PGlite;
  /** Runs `work` when no other connection's messages are being processed. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Called after each statement a Client ran, in order. */
  report(event: StatementEvent): void;
}

// Frontend message types after which a backend answers (the rest are buffered): Sync, simple
// Query, Flush, Terminate, and the ends of COPY.
const ANSWERED_AFTER = new Set(['S', 'Q', 'H', 'X', 'c', 'f'].map((char) => char.charCodeAt(0)));

/**
 * One connection's view of PGlite. `pg` sends an extended query as five messages, each of which
 * PglitePgConnection passes on alone; two connections would interleave them in PostgreSQL's one
 * session. So messages wait here until one the backend answers, and go in together, under the
 * module's one queue: each connection's query is then atomic, as on a server.
 */
function connectionTarget(host: PgModuleHost): ProtocolTarget {
  let buffered: Uint8Array[] = [];
  return {
    get waitReady() {
      return host.current().waitReady;
    },
    execProtocolStream(message: Uint8Array, options?: Parameters<PGlite['execProtocolStream']>[1]) {
      buffered.push(message);
      if (!ANSWERED_AFTER.has(message[0] ?? 0)) return Promise.resolve([]);
      const batch = concat(buffered);
      buffered = [];
      return host.exclusive(() => host.current().execProtocolStream(batch, options));
    },
  } as ProtocolTarget;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}

type QueryCallback = (error: Error | null, result?: pg.QueryResult | pg.QueryResult[]) => void;

const CHANGING = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

// PGlite answers COPY … TO/FROM PROGRAM over the wire protocol with a copy that never ends, and
// every later query waits behind it: refused before it is sent, as a server without the right would.
const COPY_PROGRAM = /\bcopy\b[\s\S]*?\b(?:to|from)\s+program\b/i;
const COPY_PROGRAM_REFUSED =
  'COPY to or from a program is not available: PGlite runs PostgreSQL inside your browser, where there are no programs to run (COPY … TO STDOUT / FROM STDIN work).';

function counts(result: pg.QueryResult | pg.QueryResult[] | undefined): { rowsReturned: number; rowsAffected: number } {
  const results = Array.isArray(result) ? result : result ? [result] : [];
  let rowsReturned = 0;
  let rowsAffected = 0;
  for (const one of results) {
    rowsReturned += one.rows?.length ?? 0;
    if (CHANGING.has(one.command)) rowsAffected += one.rowCount ?? 0;
  }
  return { rowsReturned, rowsAffected };
}

/**
 * The real `pg` module, with a Client (and a Pool of such Clients) that connects to the engine's
 * PGlite whatever host, port or credentials it is given, and reports each statement it runs.
 * Sequelize's `postgres` dialect takes it as its `dialectModule`; MikroORM's PostgreSqlDriver
 * takes the Client (`driverOptions: { Client }`). Everything else — parameters, type parsers,
 * errors, transactions — is `pg`'s own, as against a server.
 */
export function createPgModule(host: PgModuleHost): typeof pg {
  class Client extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      const given = typeof config === 'string' ? { connectionString: config } : (config ?? {});
      super({ ...given, connection: new PglitePgConnection({ pglite: connectionTarget(host) as unknown as PGlite }) } as pg.ClientConfig);
    }

    // pg's overloads (text or config, values, callback; or a Submittable such as a cursor).
    override query(...args: unknown[]): never {
      const [first, second] = args;
      // A cursor or another Submittable reports nothing here: it runs in steps the caller drives.
      if (first !== null && typeof first === 'object' && typeof (first as { submit?: unknown }).submit === 'function') {
        return (super.query as (...a: unknown[]) => never)(...args);
      }
      const sql = typeof first === 'string' ? first : String((first as pg.QueryConfig | undefined)?.text ?? '');
      const values = (Array.isArray(second) ? second : ((first as pg.QueryConfig | undefined)?.values ?? [])) as unknown[];
      const callback = typeof args.at(-1) === 'function' ? (args.pop() as QueryCallback) : undefined;
      const started = performance.now();
      const report = (error: Error | null, result?: pg.QueryResult | pg.QueryResult[]): void => {
        host.report({
          bridge: 'pg',
          sql,
          params: values.map((value) => prepareValue(value)),
          durationMs: performance.now() - started,
          ...counts(result),
          ...(error ? { error: error.message } : {}),
        });
      };
      const run = super.query as (...a: unknown[]) => unknown;
      if (COPY_PROGRAM.test(sql)) {
        const refused = Object.assign(new Error(COPY_PROGRAM_REFUSED), { code: '42501', severity: 'ERROR' });
        report(refused);
        if (callback) {
          queueMicrotask(() => callback(refused));
          return undefined as never;
        }
        return Promise.reject(refused) as never;
      }
      if (callback) {
        return run.call(this, ...args, (error: Error | null, result?: pg.QueryResult) => {
          report(error, result);
          callback(error, result);
        }) as never;
      }
      return (run.call(this, ...args) as Promise<pg.QueryResult>).then(
        (result) => {
          report(null, result);
          return result;
        },
        (error: Error) => {
          report(error);
          throw error;
        },
      ) as never;
    }
  }
  // The class name shows in stack traces and error messages as `pg`'s own.
  Object.defineProperty(Client, 'name', { value: 'Client' });

  class Pool extends pg.Pool {
    constructor(config?: pg.PoolConfig) {
      super({ ...config, Client: Client as never });
    }
  }
  Object.defineProperty(Pool, 'name', { value: 'Pool' });

  return { ...pg, Client, Pool, native: null } as unknown as typeof pg;
}
