// The commands the docs tell readers to run to create their tables (the MikroORM CLI, sequelize-cli,
// migration scripts) run in CI exactly as written, in a folder holding the page's files, against
// a fresh PostgreSQL database, and leave the adapter's tables with the adapter's columns; running
// them again (a second deploy) succeeds and changes nothing. The fixture pages prove the runner:
// a failing command fails at its page line with its output, an install line naming a package the
// repo lacks fails, a command no scenario would run is caught.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEntities } from '@adapter-lab/mikro-orm-adapter';
import SequelizeAdapter from '@adapter-lab/sequelize-adapter';
import { listPages, readAllSnippets, type DocsSnippet } from '../../../src/docs/snippets/extract.ts';
import { DocsCommandError, buildAdapterPackages, runScenario } from '../../../src/docs/snippets/run-scripts.ts';
import {
  OTHER_DATABASES,
  isShellBlock,
  isTableCommand,
  pageScenarios,
  shellCommands,
  tableCommands,
  type DocsScenario,
  type ShellCommand,
} from '../../../src/docs/snippets/shell-commands.ts';
import { WORK_ROOT } from '../../../src/docs/snippets/type-check.ts';
import { freshPostgresDatabase, withPgClient, type FreshPostgresDatabase } from '../../support/postgres.ts';

const FIXTURES = new URL('./fixtures/script-docs/', import.meta.url).pathname;
const AUTH_SECRET = 'docs-scripts-test-secret-of-at-least-32-characters';
const SCENARIO_TIMEOUT = 10 * 60_000;

const runDir = join(WORK_ROOT, `scripts-${process.pid}-${Date.now().toString(36)}`);
let projects = 0;
const projectDir = (scenario: DocsScenario): string => join(runDir, `${scenario.page.replaceAll('/', '--')}-${++projects}`);

const byPage = (snippets: readonly DocsSnippet[]): DocsScenario[] =>
  [...new Set(snippets.map(({ page }) => page))].flatMap((page) => pageScenarios(snippets.filter((snippet) => snippet.page === page)));
const commandsOf = (scenario: DocsScenario): ShellCommand[] =>
  scenario.snippets
    .filter(isShellBlock)
    .flatMap(shellCommands)
    .filter(({ text }) => isTableCommand(text));
const where = (command: ShellCommand): string => `${command.page}.mdx:${command.line}`;
/** Commands a second deploy runs again: everything but creating, dropping and undoing. */
const isApply = (command: ShellCommand): boolean => !/(^|[\s:])(create|drop|down|undo|fresh|generate|seed)\b/.test(command.text.replace(/\s#.*$/, ''));

type Schema = Map<string, Map<string, string>>;

/** Every table of the public schema with each column's type and nullability. */
async function readSchema(database: FreshPostgresDatabase): Promise<Schema> {
  const schema: Schema = new Map();
  await withPgClient({ connectionString: database.connectionString }, async (client) => {
    const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
      "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
    );
    for (const row of rows) {
      if (!schema.has(row.table_name)) schema.set(row.table_name, new Map());
      schema.get(row.table_name)!.set(row.column_name, `${row.data_type}${row.is_nullable === 'NO' ? ' not null' : ''}`);
    }
  });
  return schema;
}

/** What the page's database lacks of the adapter's own tables (extra tables and columns are the reader's). */
function missingFrom(expected: Schema, actual: Schema): string[] {
  return [...expected].flatMap(([table, columns]) => {
    const found = actual.get(table);
    if (!found) return [`table ${table} is missing (tables: ${[...actual.keys()].join(', ') || 'none'})`];
    return [...columns].flatMap(([column, type]) =>
      found.get(column) === type ? [] : [`${table}.${column}: expected ${type}, got ${found.get(column) ?? 'no such column'}`],
    );
  });
}

/** The tables each adapter makes itself, on PostgreSQL: what the page's commands must leave. */
const adapterSchemas = new Map<'sequelize' | 'mikro-orm', Promise<Schema>>();
function adapterSchema(orm: 'sequelize' | 'mikro-orm'): Promise<Schema> {
  const made =
    adapterSchemas.get(orm) ??
    withDatabase(async (database) => {
      if (orm === 'sequelize') {
        const sequelize = new Sequelize(database.connectionString, { logging: false });
        await SequelizeAdapter(sequelize).getUser!('00000000-0000-0000-0000-000000000000');
        await sequelize.close();
      } else {
        const mikroOrm = await MikroORM.init({ clientUrl: database.connectionString, entities: Object.values(defaultEntities) });
        await mikroOrm.schema.create();
        await mikroOrm.close();
      }
      return readSchema(database);
    });
  adapterSchemas.set(orm, made);
  return made;
}

async function withDatabase<T>(use: (database: FreshPostgresDatabase) => Promise<T>): Promise<T> {
  const database = await freshPostgresDatabase();
  try {
    return await use(database);
  } finally {
    await database.drop();
  }
}

function ormOf(scenario: DocsScenario): 'sequelize' | 'mikro-orm' {
  if (scenario.page.startsWith('mikro-orm/')) return 'mikro-orm';
  if (scenario.page.startsWith('sequelize/')) return 'sequelize';
  return scenario.snippets.some(({ code }) => code.includes('mikro-orm')) ? 'mikro-orm' : 'sequelize';
}

beforeAll(() => buildAdapterPackages(runDir), 5 * 60_000);
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

describe('the runner (fixture pages)', () => {
  const fixtures = readAllSnippets(FIXTURES);
  const scenario = (page: string): DocsScenario => byPage(fixtures).find((candidate) => candidate.page === page)!;

  it('finds the table commands, not install lines or other commands, and leaves other databases’ tabs out', () => {
    expect(byPage(fixtures).map(({ page, choice }) => [page, choice])).toEqual([
      ['guide/broken-command', []],
      ['guide/missing-package', []],
      ['guide/tables', ['PostgreSQL']],
    ]);
    expect(commandsOf(scenario('guide/tables')).map(({ text }) => text)).toEqual(['node --env-file=.env scripts/create-tables.ts']);
    expect(
      tableCommands(fixtures)
        .filter(({ snippet }) => snippet.tabs.includes('MySQL'))
        .map(({ text }) => text),
    ).toEqual(['node --env-file=.env scripts/create-tables-on-mysql.ts']);
  });

  it('runs a page’s script as written, with .env, against PostgreSQL, importing the built adapter', { timeout: SCENARIO_TIMEOUT }, async () => {
    await withDatabase(async (database) => {
      const runs = await runScenario(scenario('guide/tables'), {
        projectDir: projectDir(scenario('guide/tables')),
        env: { DATABASE_URL: database.connectionString, AUTH_SECRET },
      });
      expect(runs.map(({ command, code }) => [command.text, code])).toEqual([['node --env-file=.env scripts/create-tables.ts', 0]]);
      // The page's .env keeps its own lines; the adapter is the package's dist/, as npm installs it.
      expect(runs[0]!.output).toMatch(new RegExp(`^file://${runDir}/node_modules/@adapter-lab/sequelize-adapter/dist/index\\.js kept$`, 'm'));
      expect(missingFrom(await adapterSchema('sequelize'), await readSchema(database))).toEqual([]);
    });
  });

  it('fails a command that fails, at its line in the page, with its output', { timeout: SCENARIO_TIMEOUT }, async () => {
    const broken = scenario('guide/broken-command');
    const failure = await runScenario(broken, {
      projectDir: projectDir(broken),
      env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', AUTH_SECRET },
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DocsCommandError);
    expect((failure as Error).message).toMatch(/^guide\/broken-command\.mdx:10: `node scripts\/migrate\.ts` exited with 1/);
    expect((failure as Error).message).toContain("the page's script is broken");
  });

  it('fails an install line naming a package the repo does not have', async () => {
    const missing = scenario('guide/missing-package');
    await expect(runScenario(missing, { projectDir: projectDir(missing), env: { AUTH_SECRET } })).rejects.toThrow(
      /^guide\/missing-package\.mdx:6: .* names adapter-lab-no-such-package, not installed/,
    );
  });
});

describe('the docs pages', () => {
  const snippets = readAllSnippets();
  const scenarios = byPage(snippets);

  it('tell readers to run table commands', () => {
    expect(listPages().length).toBeGreaterThan(10);
    expect(scenarios.length).toBeGreaterThan(0);
  });

  it('every table command on a page is run by some scenario (except in tabs of databases CI does not run)', () => {
    const planned = new Set(scenarios.flatMap(commandsOf).map(where));
    const unrun = tableCommands(snippets).filter(
      (command) => !planned.has(where(command)) && !command.snippet.tabs.some((label) => OTHER_DATABASES.has(label)),
    );
    expect(unrun.map((command) => `${where(command)}: ${command.text}`)).toEqual([]);
  });

  describe.each(scenarios.map((scenario) => ({ name: `${scenario.page}${scenario.choice.length ? ` [${scenario.choice.join(', ')}]` : ''}`, scenario })))(
    '$name',
    ({ scenario }) => {
      it('creates the adapter’s tables as written, and running it again changes nothing', { timeout: SCENARIO_TIMEOUT }, async () => {
        await withDatabase(async (database) => {
          const env = { DATABASE_URL: database.connectionString, DATABASE_CONNECTION_STRING: database.connectionString, AUTH_SECRET };
          const dir = projectDir(scenario);
          const runs = await runScenario(scenario, { projectDir: dir, env });
          expect(runs.map(({ command }) => where(command))).toEqual(commandsOf(scenario).map(where));
          const schema = await readSchema(database);
          expect(missingFrom(await adapterSchema(ormOf(scenario)), schema)).toEqual([]);

          await runScenario(scenario, { projectDir: dir, env, select: isApply });
          expect(await readSchema(database)).toEqual(schema);
        });
      });
    },
  );
});
