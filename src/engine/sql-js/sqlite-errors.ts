import type { Database } from 'sql.js';
import { quoteIdentifier } from './quote.ts';

/**
 * sql.js throws plain `Error`s carrying only SQLite's message. The ORMs switch on more:
 * Sequelize on `err.code` (as node-sqlite3 sets it), MikroORM on the message text. This error
 * carries both, with better-sqlite3's extended codes, plus the statement that failed.
 */
export class SqliteError extends Error {
  override readonly name = 'SqliteError';
  readonly code: string;
  readonly errno: number;
  readonly sql: string;

  constructor(message: string, code: string, sql: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    // The primary result code is the extended code's first two words (SQLITE_CONSTRAINT_UNIQUE → 19).
    this.errno = ERRNO[/^SQLITE_[A-Z]+/.exec(code)?.[0] ?? ''] ?? 1;
    this.sql = sql;
  }
}

const ERRNO: Readonly<Record<string, number>> = {
  SQLITE_ERROR: 1,
  SQLITE_BUSY: 5,
  SQLITE_READONLY: 8,
  SQLITE_CONSTRAINT: 19,
  SQLITE_MISMATCH: 20,
  SQLITE_RANGE: 25,
};

const CODES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^UNIQUE constraint failed: .*\.rowid$/, 'SQLITE_CONSTRAINT_ROWID'],
  [/^UNIQUE constraint failed/, 'SQLITE_CONSTRAINT_UNIQUE'],
  [/^FOREIGN KEY constraint failed/, 'SQLITE_CONSTRAINT_FOREIGNKEY'],
  [/^NOT NULL constraint failed/, 'SQLITE_CONSTRAINT_NOTNULL'],
  [/^CHECK constraint failed/, 'SQLITE_CONSTRAINT_CHECK'],
  [/constraint failed/, 'SQLITE_CONSTRAINT'],
  [/database is locked/, 'SQLITE_BUSY'],
  [/readonly database/, 'SQLITE_READONLY'],
  [/datatype mismatch/, 'SQLITE_MISMATCH'],
  [/column index out of range/, 'SQLITE_RANGE'],
];

export function sqliteErrorCode(message: string): string {
  for (const [pattern, code] of CODES) if (pattern.test(message)) return code;
  return 'SQLITE_ERROR';
}

/** Wraps whatever sql.js threw (an Error, or a string for API misuse) in a `SqliteError`. */
export function toSqliteError(thrown: unknown, sql: string, database: Database, rerun: () => void): SqliteError {
  if (thrown instanceof SqliteError) return thrown;
  let message = thrown instanceof Error ? thrown.message : String(thrown);
  const code = sqliteErrorCode(message);
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    const detail = describeForeignKeyFailure(database, sql, rerun);
    if (detail) message = `${message}: ${detail}`;
  }
  return new SqliteError(message, code, sql, thrown);
}

const WRITE_STATEMENT = /^\s*(insert|update|delete|replace)\b/i;
const COMMIT_STATEMENT = /^\s*(commit|end|release)\b/i;

/**
 * SQLite says only "FOREIGN KEY constraint failed". To name the table and column, re-run the
 * statement inside a savepoint with foreign-key checks deferred, ask `PRAGMA foreign_key_check`
 * which rows now violate which key, and roll the savepoint back. Runs only on this error path.
 * A failed COMMIT (deferred keys) leaves its transaction open, so the check can run directly.
 */
function describeForeignKeyFailure(database: Database, sql: string, rerun: () => void): string | undefined {
  try {
    if (COMMIT_STATEMENT.test(sql)) return formatViolations(database);
    if (!WRITE_STATEMENT.test(sql)) return undefined;
    const deferred = database.exec('PRAGMA defer_foreign_keys')[0]?.values[0]?.[0] === 1;
    database.run('SAVEPOINT adapter_lab_fk_probe');
    try {
      database.run('PRAGMA defer_foreign_keys = ON');
      rerun();
      return formatViolations(database);
    } finally {
      database.run('ROLLBACK TO adapter_lab_fk_probe');
      database.run('RELEASE adapter_lab_fk_probe');
      database.run(`PRAGMA defer_foreign_keys = ${deferred ? 'ON' : 'OFF'}`);
    }
  } catch {
    return undefined; // the plain message is still true; never fail harder while explaining
  }
}

function formatViolations(database: Database): string | undefined {
  const rows = database.exec('PRAGMA foreign_key_check')[0]?.values ?? [];
  const seen = new Set<string>();
  for (const [table, , parent, fkid] of rows) {
    const keys = database.exec(`PRAGMA foreign_key_list(${quoteIdentifier(String(table))})`)[0]?.values ?? [];
    const columns = keys.filter((key) => key[0] === fkid);
    const from = columns.map((key) => `${table}.${key[3]}`).join(', ');
    const to = columns.map((key) => `${parent}.${key[4] ?? 'rowid'}`).join(', ');
    seen.add(`${from} references ${to}`);
  }
  return seen.size > 0 ? [...seen].join('; ') : undefined;
}
