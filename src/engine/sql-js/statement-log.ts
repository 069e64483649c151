import type { Database } from 'sql.js';
import type { StatementEvent, StatementListener } from '../engine.ts';

/** Which bridge ran a statement: the sqlite3 imitation (Sequelize) or the kysely dialect (MikroORM). */
export type BridgeName = 'sqlite3-shim' | 'kysely-dialect';

export type { StatementEvent, StatementListener };

// Keyed by the Database so that every bridge over the same database reports to the same
// listeners, and an unwatched database costs one WeakMap lookup per statement.
const listeners = new WeakMap<Database, Set<StatementListener>>();

/**
 * Calls `listener` after every statement any bridge runs on `database`, in order.
 * Returns a function that stops watching.
 */
export function watchStatements(database: Database, listener: StatementListener): () => void {
  let set = listeners.get(database);
  if (!set) {
    set = new Set();
    listeners.set(database, set);
  }
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

/** The listeners of `database`, or undefined when nobody watches (so callers can skip timing). */
export function statementListeners(database: Database): ReadonlySet<StatementListener> | undefined {
  const set = listeners.get(database);
  return set && set.size > 0 ? set : undefined;
}

export function emitStatement(set: ReadonlySet<StatementListener>, event: StatementEvent): void {
  for (const listener of set) {
    // A faulty listener must not turn a successful statement into a failed one.
    try {
      listener(event);
    } catch (error) {
      console.error('Statement listener failed:', error);
    }
  }
}
