import type { Database, Statement } from 'sql.js';

/**
 * Prepared statements kept per Database and SQL text, so an ORM repeating the same query pays
 * SQLite's prepare once (about as much as running a small query). A statement is taken out while
 * in use, so re-entrant use of the same SQL simply prepares another one.
 *
 * sql.js frees every statement of a Database on `close()` and on `export()`; a cached statement
 * freed that way reports "Statement closed" on `bind`, and `bindStatement` then prepares afresh.
 */
const MAX_PER_DATABASE = 64;
const caches = new WeakMap<Database, Map<string, Statement>>();

function cacheOf(database: Database): Map<string, Statement> {
  let cache = caches.get(database);
  if (!cache) {
    cache = new Map();
    caches.set(database, cache);
  }
  return cache;
}

/** A prepared statement for `sql`, from the cache when there is one. */
export function takeStatement(database: Database, sql: string): Statement {
  const cache = cacheOf(database);
  const cached = cache.get(sql);
  if (cached) {
    cache.delete(sql);
    return cached;
  }
  return database.prepare(sql);
}

/** Binds `params`, re-preparing if sql.js freed the statement meanwhile. Returns the usable statement. */
export function bindStatement(database: Database, sql: string, statement: Statement, params: Parameters<Statement['bind']>[0]): Statement {
  try {
    statement.bind(params);
    return statement;
  } catch (error) {
    if (error !== 'Statement closed' && !(error instanceof Error && error.message === 'Statement closed')) throw error;
    const fresh = database.prepare(sql);
    fresh.bind(params);
    return fresh;
  }
}

/** Resets `statement` and keeps it for the next use of `sql` (most recently used last). */
export function returnStatement(database: Database, sql: string, statement: Statement): void {
  const cache = cacheOf(database);
  try {
    statement.reset();
  } catch {
    return; // freed or broken: nothing to keep
  }
  if (cache.has(sql)) {
    statement.free();
    return;
  }
  cache.set(sql, statement);
  if (cache.size > MAX_PER_DATABASE) {
    const [oldestSql, oldest] = cache.entries().next().value!;
    cache.delete(oldestSql);
    oldest.free();
  }
}
