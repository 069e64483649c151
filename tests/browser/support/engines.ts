// Running the same browser test on each database engine: links to the reader's code on an engine,
// the Sequelize config that names that engine, and what the page says after a Stop on it.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { EngineId } from '../../../src/playground/engine-registry.ts';
import type { OrmId } from '../../../src/playground/orm-registry.ts';
import { encodeState } from '../../../src/playground/share/codec.ts';
import type { PlaygroundState } from '../../../src/playground/store/state.ts';
import { openPanel, RUN_TIMEOUT, runs, status, waitForRuns } from './playground.ts';

/** Every engine, for `describe.each` / `it.each`. */
export const ENGINES: readonly EngineId[] = ['sqlite', 'postgres'];

/**
 * The arguments of `new Sequelize(…)` that name each engine, so the run on it has no
 * "runs on … instead" notice: SQLite in memory, or the app's PostgreSQL URL from its environment.
 */
export const SEQUELIZE_ARGS: Readonly<Record<EngineId, string>> = {
  sqlite: '"sqlite::memory:", { logging: false }',
  postgres: 'process.env.DATABASE_URL!, { logging: false }',
};

/** How MikroORM code names each engine: the driver's import and the options of `MikroORM.init`. */
export const MIKRO_ORM_DRIVER: Readonly<Record<EngineId, { from: string; driver: string; options: string }>> = {
  sqlite: { from: '@mikro-orm/sqlite', driver: 'SqliteDriver', options: 'dbName: ":memory:"' },
  postgres: { from: '@mikro-orm/postgresql', driver: 'PostgreSqlDriver', options: 'clientUrl: process.env.DATABASE_CONNECTION_STRING' },
};

/** A one-file state with `code` as run.ts, on `engine` and `orm` (Sequelize unless said), a fresh database each run. */
export function codeState(code: string, engine: EngineId, orm: OrmId = 'sequelize'): PlaygroundState {
  return { orm, engine, implementation: 'ours', files: [{ name: 'run.ts', code }], active: 'run.ts', options: { freshDatabase: true } };
}

/** `/playground/#…` for code on an engine (prefix it with a server's origin for an absolute link). */
export function codeLink(code: string, engine: EngineId): string {
  return `/playground/#${encodeState(codeState(code, engine))}`;
}

/**
 * What a Stop adds on each engine: PGlite's data lives in the worker that was ended, so on
 * PostgreSQL the page says the new runtime starts with an empty database; SQLite's is kept.
 */
export function expectStopNotice(message: string | null, engine: EngineId): void {
  const notice = /The PostgreSQL database was inside the stopped runtime, so the new one starts with an empty database\.$/;
  if (engine === 'postgres') expect(message).toMatch(notice);
  else expect(message).not.toMatch(/empty database/);
}

/** Code that uses the database: a table made, a row written and counted. */
export const DATABASE_CHECK = (engine: EngineId): string => `
import { DataTypes, Sequelize } from "sequelize"
const sequelize = new Sequelize(${SEQUELIZE_ARGS[engine]})
const Note = sequelize.define("note", { text: DataTypes.STRING })
await sequelize.sync()
await Note.create({ text: "after the stop" })
console.log("notes after the stop:", await Note.count())
`;

/**
 * After a stop: a new link's code (it runs at once, as any link does) runs on the same engine
 * with a working database, and Run runs it again.
 */
export async function expectNextRunWorks(page: Page, engine: EngineId): Promise<void> {
  const before = await runs(page);
  await page.evaluate(
    (hash) => {
      location.hash = hash;
    },
    codeLink(DATABASE_CHECK(engine), engine).slice('/playground/'.length),
  );
  await waitForRuns(page, before + 1);
  expect(await status(page)).toMatch(/^Ran in /);
  expect(await page.locator('[data-playground]').getAttribute('data-last-engine')).toBe(engine);
  expect(await (await openPanel(page, 'Console')).textContent()).toContain('notes after the stop: 1');
  await page.getByRole('button', { name: /^Run/ }).click();
  await waitForRuns(page, before + 2);
  expect(await status(page)).toMatch(/^Ran in /);
  await expect.poll(async () => (await openPanel(page, 'Console')).textContent(), { timeout: RUN_TIMEOUT }).toContain('notes after the stop: 1');
}
