// The engine seam (src/engine/engine.ts) as the sql.js engine implements it: what the
// playground's session relies on, through the interface only.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine, EngineDatabase, StatementEvent } from '../../../src/engine/index.ts';
import { loadSqlJsEngine } from '../../../src/engine/sql-js/index.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await loadSqlJsEngine();
});

/** Runs `sql` through the Sequelize connector, as the ORM would (node-sqlite3's callback API). */
function run(database: EngineDatabase, sql: string, dialectModule = database.connectors.sequelize().dialectModule): Promise<void> {
  const sqlite3 = dialectModule as { Database: new (name: string) => { exec(sql: string, callback: (error: Error | null) => void): void } };
  const connection = new sqlite3.Database(':memory:');
  return new Promise((resolve, reject) => connection.exec(sql, (error) => (error ? reject(error) : resolve())));
}

describe('the sql.js engine behind the seam', () => {
  it('names its dialect and version', async () => {
    expect(engine.dialect).toBe('sqlite');
    expect(engine.version).toMatch(/^SQLite 3\.\d+\.\d+$/);
    const database = await engine.open();
    expect(database.version).toBe(engine.version);
    await database.close();
  });

  it('reports statements, reads state and schema, and observes rows', async () => {
    const database = await engine.open();
    expect(await database.isEmpty()).toBe(true);
    const events: StatementEvent[] = [];
    const unwatch = database.watchStatements((event) => events.push(event));
    const rows = database.observeRows();
    await run(database, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('a'), ('b')");
    await rows.catchUp();
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((event) => event.bridge))).toEqual(new Set(['sqlite3-shim']));
    expect(await database.isEmpty()).toBe(false);
    const state = await database.readState();
    expect([...(state.get('notes')?.rows ?? [])]).toEqual([
      ['1', [1, 'a']],
      ['2', [2, 'b']],
    ]);
    expect(rows.seen('notes', '2')).toEqual([2, 'b']);
    expect((await database.readSchema()).tables.map((table) => table.name)).toEqual(['notes']);
    expect(await database.readValue('notes', '1', 'body')).toEqual({ value: 'a' });
    unwatch();
    rows.dispose();
    await database.close();
  });

  it('exports a file, checks files apart, and replaces the contents in place', async () => {
    const source = await engine.open();
    await run(source, "CREATE TABLE kept (note TEXT); INSERT INTO kept VALUES ('from the file')");
    const bytes = await source.export();
    await source.close();
    expect(await engine.checkFile(bytes)).toBeNull();
    expect(await engine.checkFile(new TextEncoder().encode('not a database'.repeat(10)))).toMatch(/^This is not an SQLite database file/);
    const target = await engine.open();
    await run(target, 'CREATE TABLE dropped (id INTEGER)');
    const { dialectModule } = target.connectors.sequelize();
    await target.replaceWith(bytes);
    expect([...(await target.readState()).keys()]).toEqual(['kept']);
    // A connector made before the import reaches the loaded contents.
    await run(target, "INSERT INTO kept VALUES ('after')", dialectModule);
    expect((await target.readState()).get('kept')?.rowCount).toBe(2);
    const reopened = await engine.open(await target.export());
    expect((await reopened.readState()).get('kept')?.rowCount).toBe(2);
    await Promise.all([target.close(), reopened.close()]);
  });
});
