// A cell the runtime sent cut short can be read whole on demand (issue 12): by the row's key as
// the Tables panel has it, from the current database, without changing it or making an outcome.
import { describe, expect, it } from 'vitest';
import type { Outcome, RowView, TableView } from '../../../src/playground/protocol.ts';
import { WHOLE_VALUE_LIMIT } from '../../../src/engine/database-state.ts';
import { useSequelizeSession } from './support.ts';

const sequelize = useSequelizeSession();
const run = sequelize.run;

/** Code that runs `statements` (SQL) through Sequelize, in order. */
const sql = (...statements: string[]): string =>
  [
    'import { Sequelize } from "sequelize"',
    'const sequelize = new Sequelize({ dialect: "sqlite", logging: false })',
    ...statements.map((statement) => `await sequelize.query(${JSON.stringify(statement)})`),
  ].join('\n');

const tableOf = (outcome: Outcome, name: string): TableView => outcome.tables.find((table) => table.name === name)!;
/** The row holding a cut value in `column`, and that the panel was told the value's full length. */
function clippedRow(table: TableView, column: string): { row: RowView; length: number } {
  const index = table.columns.indexOf(column);
  const row = table.rows.find((candidate) => candidate.clipped?.some(([at, , of]) => at === index && of === 'value'))!;
  return { row, length: row.clipped!.find(([at]) => at === index)![1] };
}

// Generous: the first run compiles the ORM's type bundle.
describe('reading a whole value', { timeout: 60_000 }, () => {
  it('a 2,000,000-character TEXT value of a rowid table, whole; the database unchanged and nothing recorded', async () => {
    const outcome = await run(
      sql(
        'CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT)',
        "INSERT INTO docs (id, body) VALUES (7, 'a' || replace(hex(zeroblob(999999)), '00', 'xy') || 'z')",
      ),
    );
    expect(outcome.error).toBeUndefined();
    const { row, length } = clippedRow(tableOf(outcome, 'docs'), 'body');
    expect(length).toBe(2_000_000);
    const before = await sequelize.session!.exportDatabase();
    const read = await sequelize.session!.readValue('docs', row.key, 'body');
    expect('value' in read && typeof read.value === 'string').toBe(true);
    const text = (read as { value: string }).value;
    expect(text.length).toBe(2_000_000);
    expect([text[0], text.slice(1, 5), text.at(-1)]).toEqual(['a', 'xyxy', 'z']);
    expect(await sequelize.session!.exportDatabase()).toEqual(before);
    // The next action records its own statements only.
    const next = await run(sql('SELECT 1'), true);
    expect(next.statements.map((statement) => statement.sql)).not.toContainEqual(expect.stringMatching(/octet_length|"body"/));
  });

  it('a WITHOUT ROWID table by its compound key, quoted names, and a BLOB as hex', async () => {
    const outcome = await run(
      sql(
        'CREATE TABLE "we""ird" ("k 1" TEXT, "k2" INTEGER, "da""ta" BLOB, PRIMARY KEY ("k 1", "k2")) WITHOUT ROWID',
        "INSERT INTO \"we\"\"ird\" VALUES ('a''b', 2, zeroblob(1000)), ('a''b', 3, randomblob(300))",
      ),
    );
    expect(outcome.error).toBeUndefined();
    const table = tableOf(outcome, 'we"ird');
    const { row, length } = clippedRow(table, 'da"ta');
    expect(length).toBe(1_000);
    expect(row.key).toBe(JSON.stringify(["a'b", 2]));
    expect(await sequelize.session!.readValue('we"ird', row.key, 'da"ta')).toEqual({ value: { hex: '00'.repeat(1_000) } });
    expect(await sequelize.session!.readValue('we"ird', JSON.stringify(["a'b", 3]), 'k2')).toEqual({ value: 3 });
  });

  it('is refused when the row, column or table is gone, or the value is over the limit', async () => {
    await run(sql('CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT, data BLOB)', "INSERT INTO docs VALUES (1, 'x', NULL)"));
    expect(await sequelize.session!.readValue('docs', '1', 'data')).toEqual({ value: null });
    expect(await sequelize.session!.readValue('docs', '2', 'body')).toEqual({ refused: 'That row of docs is not in the database any more.' });
    expect(await sequelize.session!.readValue('docs', '1 OR 1', 'body')).toEqual({ refused: 'That row of docs is not in the database any more.' });
    expect(await sequelize.session!.readValue('docs', '1', 'title')).toEqual({ refused: 'The table docs has no column title any more.' });
    expect(await sequelize.session!.readValue('nope', '1', 'body')).toEqual({ refused: 'The table nope is not in the database any more.' });
    const bytes = WHOLE_VALUE_LIMIT / 2 + 1;
    await run(sql(`UPDATE docs SET data = zeroblob(${bytes})`), true);
    const refused = await sequelize.session!.readValue('docs', '1', 'data');
    expect(refused).toEqual({ refused: expect.stringMatching(/^The value is a BLOB of 25 MB \(50 MB as hex\); the playground reads values of up to 50 MB\./) });
  });
});
