// What the runtime sends of big tables: wide ones (up to SQLite's 2,000 columns) are read and
// diffed whole but sent within the view's limits, long values cut with their full length stated.
import { describe, expect, it } from 'vitest';
import type { Outcome, TableView } from '../../../src/playground/protocol.ts';
import { CELL_BLOB_LIMIT, CELL_TEXT_LIMIT, VIEW_COLUMN_LIMIT, VIEW_ROW_LIMIT } from '../../../src/playground/runtime/view-limits.ts';
import { useSequelizeSession } from './support.ts';

const sequelize = useSequelizeSession();
const run = sequelize.run;

/** Code creating `wide` with `columns` TEXT columns c0… and `rows` rows ('r<row>c<column>'), in two statements. */
function wideTable(columns: number, rows: number): string {
  return [
    'import { Sequelize } from "sequelize"',
    'const sequelize = new Sequelize({ dialect: "sqlite", logging: false })',
    `const names = Array.from({ length: ${columns} }, (_, i) => "c" + i)`,
    'await sequelize.query(`CREATE TABLE wide (${names.map((name) => name + " TEXT").join(", ")})`)',
    `const rows = "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows - 1})"`,
    "await sequelize.query(`${rows} INSERT INTO wide SELECT ${names.map((name) => `'r' || i || '${name}'`).join(\", \")} FROM n`)",
  ].join('\n');
}

const wide = (outcome: Outcome): TableView => outcome.tables.find((table) => table.name === 'wide')!;

// Generous: the first run of a file compiles the ORM's type bundle, and wide tables are work.
describe('wide tables', { timeout: 60_000 }, () => {
  it("a table of 2,000 columns (SQLite's limit) runs and is sent with its first columns, all of them counted", async () => {
    const outcome = await run(wideTable(2_000, 120));
    expect(outcome.error).toBeUndefined();
    const table = wide(outcome);
    expect(table.columnCount).toBe(2_000);
    expect(table.columns).toHaveLength(VIEW_COLUMN_LIMIT);
    expect(table.columns.slice(0, 3)).toEqual(['c0', 'c1', 'c2']);
    expect(table.rowCount).toBe(120);
    expect(table.rows).toHaveLength(120);
    expect(table.truncated).toBe(false);
    expect(table.rows.every((row) => row.status === 'inserted' && row.values.length === VIEW_COLUMN_LIMIT)).toBe(true);
    expect(table.rows[1]?.values.slice(0, 2)).toEqual(['r1c0', 'r1c1']);
    expect(table.changes.inserted).toBe(120);
    expect(outcome.schema.tables.find((schema) => schema.name === 'wide')?.columns).toHaveLength(2_000);
  });

  it('rows beyond what is sent are counted; an update in a column that is not sent still marks the row updated', async () => {
    await run(wideTable(1_000, 700));
    const outcome = await run(
      [
        'import { Sequelize } from "sequelize"',
        'const sequelize = new Sequelize({ dialect: "sqlite", logging: false })',
        "await sequelize.query(\"UPDATE wide SET c999 = 'changed', c1 = 'one' WHERE _rowid_ = 2\")",
        'await sequelize.query("UPDATE wide SET c500 = \'far\' WHERE _rowid_ = 3")',
      ].join('\n'),
      true,
    );
    const table = wide(outcome);
    expect(table.rowCount).toBe(700);
    expect(table.rows.length).toBeLessThanOrEqual(VIEW_ROW_LIMIT);
    expect(table.truncated).toBe(true);
    expect(table.changes).toEqual({ inserted: 0, updated: 2, deleted: 0 });
    const [second, third] = [table.rows.find((row) => row.key === '2'), table.rows.find((row) => row.key === '3')];
    expect(second).toMatchObject({ status: 'updated', changed: [[1, 'r1c1']] });
    expect(second?.values[1]).toBe('one');
    expect(third).toMatchObject({ status: 'updated', changed: [] });
  });
});

describe('long values', { timeout: 60_000 }, () => {
  it('TEXT and BLOB values are cut to the limits, with their full length; short ones are whole', async () => {
    await run(
      [
        'import { Sequelize } from "sequelize"',
        'const sequelize = new Sequelize({ dialect: "sqlite", logging: false })',
        'await sequelize.query("CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT, data BLOB, token TEXT)")',
        `await sequelize.query("INSERT INTO docs (body, data, token) VALUES (printf('%.50000c', 'x'), zeroblob(10000), '${'t'.repeat(64)}')")`,
      ].join('\n'),
    );
    const outcome = await run(
      [
        'import { Sequelize } from "sequelize"',
        'const sequelize = new Sequelize({ dialect: "sqlite", logging: false })',
        "await sequelize.query(\"UPDATE docs SET body = printf('%.3000c', 'y') WHERE id = 1\")",
      ].join('\n'),
      true,
    );
    expect(outcome.error, JSON.stringify(outcome.error)).toBeUndefined();
    const row = outcome.tables.find((table) => table.name === 'docs')!.rows[0]!;
    expect(row.status).toBe('updated');
    expect(row.values[1]).toBe('y'.repeat(CELL_TEXT_LIMIT));
    expect((row.values[2] as Uint8Array).length).toBe(CELL_BLOB_LIMIT);
    expect(row.values[3]).toBe('t'.repeat(64));
    expect(row.changed).toEqual([[1, 'x'.repeat(CELL_TEXT_LIMIT)]]);
    expect(row.clipped).toEqual([
      [1, 3_000, 'value'],
      [2, 10_000, 'value'],
      [1, 50_000, 'before'],
    ]);
  });

  it('many tables of long values together stay within the message budget: later rows are left out and counted', async () => {
    const outcome = await run(
      [
        'import { Sequelize } from "sequelize"',
        'const sequelize = new Sequelize({ dialect: "sqlite", logging: false })',
        'for (let t = 0; t < 8; t++) {',
        '  await sequelize.query(`CREATE TABLE t${t} (a TEXT, b TEXT, c TEXT)`)',
        '  await sequelize.query(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 499) INSERT INTO t${t} SELECT printf("%.2000c", "a"), printf("%.2000c", "b"), printf("%.2000c", "c") FROM n`)',
        '}',
      ].join('\n'),
    );
    expect(outcome.error).toBeUndefined();
    const sentCharacters = outcome.tables
      .flatMap((table) => table.rows.flatMap((row) => row.values))
      .reduce((sum: number, value) => sum + String(value).length, 0);
    expect(sentCharacters).toBeLessThanOrEqual(2_000_000);
    const last = outcome.tables.at(-1)!;
    expect(last.rowCount).toBe(500);
    expect(last.rows.length).toBeLessThan(500);
    expect(last.truncated).toBe(true);
  });
});
