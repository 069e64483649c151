// Every Adapter method is one SQL statement on SQLite (after the first call's table check),
// and never a Model instance.
import { describe, expect, it } from 'vitest';
import SequelizeAdapter from '@adapter-lab/sequelize-adapter';
import { expectPlainResults, runEveryMethod, statementCounts } from '../adapter-support/adapter-calls.ts';
import { sqliteSequelize } from './support.ts';

describe('statements per method on SQLite', () => {
  it('runs each method as a single statement', async () => {
    const db = await sqliteSequelize();
    const adapter = SequelizeAdapter(db.sequelize);
    await adapter.getUser?.('warm-up: creates the tables');
    const runs = await runEveryMethod(adapter, db.statements);
    expectPlainResults(runs);
    expect(statementCounts(runs)).toEqual(Object.fromEntries(runs.map(({ name }) => [name, 1])));
    await db.close();
  });
});
