// The engine check (the scenario the playground page runs in a browser worker) run in Node,
// for both ORMs over sql.js: each named check must pass.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJs, type SqlJsStatic } from '../../../src/engine/index.ts';
import { runMikroOrmCheck } from '../../../src/playground/engine-check/mikro-orm-check.ts';
import { ENGINE_CHECKS, type EngineCheckReport } from '../../../src/playground/engine-check/report.ts';
import { runSequelizeCheck } from '../../../src/playground/engine-check/sequelize-check.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

describe.each([
  ['Sequelize', () => runSequelizeCheck(SQL)],
  ['MikroORM', () => runMikroOrmCheck(SQL)],
])('engine check on %s over sql.js', (_orm, run) => {
  let report: EngineCheckReport;
  beforeAll(async () => {
    report = await run();
  });

  it('runs every check, in order', () => {
    expect(report.checks.map((check) => check.name)).toEqual([...ENGINE_CHECKS]);
  });

  it.each(ENGINE_CHECKS.map((name) => [name]))('%s', (name) => {
    const check = report.checks.find((candidate) => candidate.name === name);
    expect(check?.passed, check?.detail).toBe(true);
  });

  it('leaves both tables with their rows and the cascading foreign key in the report', () => {
    expect(report.tables.map((table) => [table.name, table.rows.length])).toEqual([
      ['users', 1],
      ['posts', 1],
    ]);
    expect(report.tables[1]?.foreignKeys).toEqual([expect.objectContaining({ table: 'users', columns: ['user_id'], references: ['id'], onDelete: 'CASCADE' })]);
  });

  it('observed every statement with its timing', () => {
    expect(report.statements.length).toBeGreaterThan(10);
    expect(report.statements.every((statement) => statement.durationMs >= 0 && statement.sql.length > 0)).toBe(true);
    expect(report.statements.filter((statement) => statement.error).map((statement) => statement.error)).toEqual([
      expect.stringContaining('UNIQUE constraint failed: users.email'),
      expect.stringContaining('FOREIGN KEY constraint failed: posts.user_id references users.id'),
    ]);
  });
});
