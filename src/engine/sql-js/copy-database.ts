import type { Database, SqlValue } from 'sql.js';

import { quoteIdentifier as quote } from './quote.ts';

interface SchemaObject {
  readonly type: string;
  readonly name: string;
  readonly sql: string;
}

function schemaObjects(database: Database): SchemaObject[] {
  return (
    database.exec("SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid")[0]?.values ?? []
  ).map(([type, name, sql]) => ({ type: String(type), name: String(name), sql: String(sql) }));
}

function hasRowid(database: Database, table: string): boolean {
  return Number(database.exec("SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?", [table])[0]?.values[0]?.[0] ?? 0) === 0;
}

/**
 * Replaces everything in `target` with the schema and rows of `source`, in one transaction:
 * either `target` ends up a copy of `source` or it is left as it was. The `target` object stays
 * the same, so ORMs connected to it keep working, now on the copied data. Rowids are kept, so
 * are AUTOINCREMENT counters; foreign keys are not checked while copying (the source's rows are
 * copied as they are, as a file copy would).
 */
export function copyDatabaseInto(source: Database, target: Database): void {
  const foreignKeys = Number(target.exec('PRAGMA foreign_keys')[0]?.values[0]?.[0] ?? 0);
  target.run('PRAGMA foreign_keys = OFF');
  target.run('BEGIN');
  try {
    const existing = schemaObjects(target);
    for (const type of ['trigger', 'view', 'index', 'table']) {
      for (const object of existing.filter((candidate) => candidate.type === type).reverse()) {
        // Indexes of dropped tables go with them; an index may already be gone.
        target.run(`DROP ${type.toUpperCase()} IF EXISTS ${quote(object.name)}`);
      }
    }
    const objects = schemaObjects(source);
    for (const table of objects.filter((object) => object.type === 'table')) {
      target.run(table.sql);
      copyRows(source, target, table.name);
    }
    if (source.exec("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence'")[0]) {
      target.run('DELETE FROM sqlite_sequence');
      for (const [name, seq] of source.exec('SELECT name, seq FROM sqlite_sequence')[0]?.values ?? []) {
        target.run('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)', [name ?? null, seq ?? null]);
      }
    }
    for (const type of ['index', 'view', 'trigger']) {
      for (const object of objects.filter((candidate) => candidate.type === type)) target.run(object.sql);
    }
    target.run('COMMIT');
  } catch (error) {
    target.run('ROLLBACK');
    throw error;
  } finally {
    target.run(`PRAGMA foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}

function copyRows(source: Database, target: Database, table: string): void {
  const rowid = hasRowid(source, table);
  const select = source.prepare(`SELECT ${rowid ? '_rowid_, ' : ''}* FROM ${quote(table)}`);
  let insert: ReturnType<Database['prepare']> | undefined;
  try {
    while (select.step()) {
      const row = select.get();
      if (!insert) {
        const columns = select
          .getColumnNames()
          .slice(rowid ? 1 : 0)
          .map(quote);
        const names = rowid ? ['_rowid_', ...columns] : columns;
        insert = target.prepare(`INSERT INTO ${quote(table)} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
      }
      insert.run(row as SqlValue[]);
    }
  } finally {
    select.free();
    insert?.free();
  }
}
