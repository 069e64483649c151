// Every Adapter method is one SQL statement with bound parameters, and returns plain objects.
import { describe, expect, it } from 'vitest';
import { MikroOrmAdapter } from '@adapter-lab/mikro-orm-adapter';
import { expectPlainResults, runEveryMethod, sampleUser, statementCounts } from '../adapter-support/adapter-calls.ts';
import { sqliteMikroOrm } from './support.ts';

describe('statements per method on SQLite', () => {
  it('runs each method as one statement, values bound as parameters', async () => {
    const db = await sqliteMikroOrm();
    const adapter = MikroOrmAdapter(db.options);
    await adapter.getUser?.('warm-up: starts the ORM');
    const runs = await runEveryMethod(adapter, db.statements);
    const { id } = sampleUser(1); // the user runEveryMethod works with
    for (const run of runs) {
      for (const statement of run.statements) expect(statement.sql, run.name).not.toContain(id); // bound, never inlined
    }
    expectPlainResults(runs);
    expect(statementCounts(runs)).toEqual(Object.fromEntries(runs.map(({ name }) => [name, 1])));
    await db.close();
  });
});
