// What one run may send the page, whatever the code does: console entries and their values,
// statements and their SQL and parameters — the first ones kept, the rest counted, full lengths stated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CALL_LIMIT,
  CONSOLE_ARGUMENT_LIMIT,
  CONSOLE_ENTRY_LIMIT,
  ERROR_TEXT_LIMIT,
  CONSOLE_LOG_LIMIT,
  PARAM_COUNT_LIMIT,
  PARAM_TEXT_LIMIT,
  SQL_TEXT_LIMIT,
  STATEMENT_LIMIT,
  appendBounded,
} from '../../../src/playground/output-limits.ts';
import type { ConsoleEntry, DisplayValue, Outcome } from '../../../src/playground/protocol.ts';
import { toDisplayValue, toDisplayValues } from '../../../src/playground/runtime/display-value.ts';
import type { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { IMMEDIATE_ENTRIES, ProgressBatch } from '../../../src/playground/sandbox/progress-batch.ts';
import { compile, createSession, files } from './support.ts';

let session: PlaygroundSession;
beforeAll(async () => {
  session = await createSession('sequelize');
});
afterAll(() => session.dispose());

async function run(code: string): Promise<{ outcome: Outcome; streamed: ConsoleEntry[] }> {
  const streamed: ConsoleEntry[] = [];
  session.onEntry = (entry) => streamed.push(entry);
  const outcome = await session.run(await compile('sequelize', files({ 'run.ts': code })), 'run.ts');
  session.onEntry = undefined;
  return { outcome, streamed };
}

const logs = (outcome: Outcome) => outcome.console.filter((entry) => entry.kind === 'log');
const notices = (outcome: Outcome) => outcome.console.flatMap((entry) => (entry.kind === 'notice' ? [entry.text] : []));

function count(value: DisplayValue): { nodes: number; chars: number } {
  let nodes = 1;
  let chars = value.preview.length;
  for (const [key, child] of value.entries ?? []) {
    const inner = count(child);
    nodes += inner.nodes;
    chars += inner.chars + key.length;
  }
  return { nodes, chars };
}

const SEQUELIZE = 'import { Sequelize } from "sequelize"\nconst sequelize = new Sequelize({ dialect: "sqlite", logging: false })\n';

describe('console output of a run', () => {
  it('100,000 console.log lines: the first 1,000 kept and streamed, the rest counted in a notice; the run succeeds', async () => {
    const { outcome, streamed } = await run('for (let i = 0; i < 100000; i++) console.log(i)\n');
    expect(outcome.ok).toBe(true);
    expect(logs(outcome)).toHaveLength(CONSOLE_LOG_LIMIT);
    expect(logs(outcome).at(-1)).toMatchObject({ values: [{ preview: '999' }] });
    expect(notices(outcome)).toContain(
      '99,000 more console entries were left out: the playground keeps the first 1,000 console.* lines and 2,000 entries in all per run.',
    );
    // Everything in the outcome was streamed as it was logged, in the same order.
    expect(streamed.length).toBe(outcome.console.length);
  }, 60_000);

  it('objects in every call: bounded values, the same 1,000 lines', async () => {
    const { outcome } = await run(
      'for (let i = 0; i < 100000; i++) console.log({ i, name: "user " + i, tags: ["a", "b"], nested: { deep: { deeper: { deepest: i } } } })\n',
    );
    expect(outcome.ok).toBe(true);
    expect(logs(outcome)).toHaveLength(CONSOLE_LOG_LIMIT);
    expect(notices(outcome)).toContain(
      '99,000 more console entries were left out: the playground keeps the first 1,000 console.* lines and 2,000 entries in all per run.',
    );
  }, 60_000);

  it('huge strings, many arguments and long error messages are shortened, saying how long they were', async () => {
    const { outcome } = await run(
      ['console.log("x".repeat(1_000_000))', 'console.log(...Array.from({ length: 500 }, (_, i) => i))', 'console.log(new Error("e".repeat(100_000)))'].join(
        '\n',
      ),
    );
    const [text, many, error] = logs(outcome) as Array<Extract<ConsoleEntry, { kind: 'log' }>>;
    expect(text!.values[0]!.preview.length).toBeLessThan(2_100);
    expect(text!.values[0]!.preview).toContain('… (1,000,000 characters)');
    expect(many!.values).toHaveLength(CONSOLE_ARGUMENT_LIMIT + 1);
    expect(many!.values.at(-1)!.preview).toBe(JSON.stringify(`… ${500 - CONSOLE_ARGUMENT_LIMIT} more arguments`));
    expect(error!.values[0]!.preview.length).toBeLessThan(2_200);
    expect(error!.values[0]!.preview).toContain('(100,000 characters)');
  });

  it('adapter calls in a loop are capped too (2,000 entries of any kind)', async () => {
    const { outcome } = await run(
      `${SEQUELIZE}import SequelizeAdapter from "@adapter-lab/sequelize-adapter"\nconst adapter = SequelizeAdapter(sequelize)\nfor (let i = 0; i < 3000; i++) await adapter.getUser!("u" + i)\nconsole.log("done")\n`,
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.console.filter((entry) => entry.kind !== 'notice')).toHaveLength(CONSOLE_ENTRY_LIMIT);
    expect(notices(outcome)).toContain(
      '1,001 more console entries were left out: the playground keeps the first 1,000 console.* lines and 2,000 entries in all per run.',
    );
  }, 60_000);
});

describe('a logged value', () => {
  it('a wide, deep object is rendered within a node and character budget', () => {
    // 50 keys per level, 4 levels: 6.25 million leaves as the renderer sees it (siblings share one child object).
    const level = (child: unknown): unknown => Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`key${i}`, child]));
    const { nodes, chars } = count(toDisplayValue(level(level(level(level('leaf'.repeat(100)))))));
    // The budget, plus the summaries of the siblings still to come when it ran out (at most 50 per level).
    expect(nodes).toBeLessThanOrEqual(500 + 50 * 4);
    // 20,000 characters of budget, then 40-character strings and short summaries: tens of kB, where the object is 2.5 GB of text.
    expect(chars).toBeLessThan(100_000);
  });

  it('the arguments of one call share the budget', () => {
    const { values, size } = toDisplayValues(Array.from({ length: 50 }, () => 'y'.repeat(2_000)));
    expect(values.reduce((sum, value) => sum + value.preview.length, 0)).toBeLessThan(25_000);
    expect(size).toBeLessThan(25_000);
  });

  it('a huge Map is read by its first entries only', () => {
    const map = new Map(Array.from({ length: 200_000 }, (_, i) => [i, i]));
    const value = toDisplayValue(map);
    expect(value.entries).toHaveLength(50);
    expect(value.more).toBe(199_950);
  });
});

describe('statements of a run', () => {
  it(`keeps the first ${STATEMENT_LIMIT.toLocaleString('en')} and counts the rest`, async () => {
    const { outcome } = await run(`${SEQUELIZE}for (let i = 0; i < ${STATEMENT_LIMIT + 700}; i++) await sequelize.query("SELECT " + i)\n`);
    expect(outcome.ok).toBe(true);
    expect(outcome.statements).toHaveLength(STATEMENT_LIMIT);
    expect(outcome.statementsDropped).toBeGreaterThanOrEqual(700);
    expect(outcome.statements.at(-1)!.seq - outcome.statements[0]!.seq).toBe(STATEMENT_LIMIT - 1);
  }, 60_000);

  it('a 20 MB statement keeps its first characters and states its length; long and many parameters likewise', async () => {
    const { outcome } = await run(
      [
        SEQUELIZE,
        'const big = "x".repeat(20 * 1024 * 1024)',
        "await sequelize.query(`SELECT '${big}' AS big`)",
        'await sequelize.query("SELECT $1 AS a", { bind: ["p".repeat(1_000_000)], type: "SELECT" })',
        `await sequelize.query("SELECT " + Array.from({ length: 300 }, (_, i) => "$" + (i + 1)).join(", "), { bind: Array.from({ length: 300 }, (_, i) => "v" + i), type: "SELECT" })`,
      ].join('\n'),
    );
    expect(outcome.ok).toBe(true);
    const huge = outcome.statements.find((statement) => statement.sql.startsWith("SELECT 'xxx"))!;
    expect(huge.sql).toHaveLength(SQL_TEXT_LIMIT);
    expect(huge.sqlLength).toBe(20 * 1024 * 1024 + "SELECT '' AS big".length);
    const withText = outcome.statements.find((statement) => statement.sql.endsWith(' AS a'));
    expect(withText, JSON.stringify(outcome.statements.map((statement) => statement.sql.slice(0, 40)))).toBeDefined();
    const param = (withText?.params as readonly unknown[] | undefined)?.[0] ?? Object.values(withText?.params ?? {})[0];
    expect(param).toEqual({ text: 'p'.repeat(PARAM_TEXT_LIMIT), length: 1_000_000 });
    const many = outcome.statements.find((statement) => (statement.paramCount ?? 0) > 0)!;
    expect(many.paramCount).toBe(300);
    expect(Object.keys(many.params)).toHaveLength(PARAM_COUNT_LIMIT);
  }, 60_000);
});

describe('errors and adapter calls of a run', () => {
  it('an error with a 20 MB message keeps its first characters and states its length', async () => {
    const { outcome } = await run('throw new Error("x".repeat(20 * 1024 * 1024) + "END")\n');
    expect(outcome.ok).toBe(false);
    expect(outcome.error!.message.length).toBeLessThan(ERROR_TEXT_LIMIT + 100);
    expect(outcome.error!.message).toMatch(/^x{100}/);
    expect(outcome.error!.message).toMatch(/… \(20,971,523 characters in all\)$/);
  }, 60_000);

  it(`adapter calls in a loop: the first ${CALL_LIMIT.toLocaleString('en')} recorded, the rest counted`, async () => {
    const { outcome } = await run(
      [
        'import SequelizeAdapter from "@adapter-lab/sequelize-adapter"',
        SEQUELIZE,
        'const adapter = SequelizeAdapter(sequelize)',
        'for (let i = 0; i < 2500; i++) await adapter.getUser!("missing-" + i)',
      ].join('\n'),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.calls).toHaveLength(CALL_LIMIT);
    expect(outcome.callsDropped).toBe(500);
  }, 60_000);
});

describe("the worker's progress messages", () => {
  it('the first entries of a heartbeat period go at once, the rest in one message at the heartbeat', () => {
    const posted: number[] = [];
    const batch = new ProgressBatch((entries) => posted.push(entries.length));
    const entry: ConsoleEntry = { kind: 'notice', text: 'n', time: 0 };
    for (let i = 0; i < 1_000; i++) batch.add(entry);
    expect(posted).toEqual(Array.from({ length: IMMEDIATE_ENTRIES }, () => 1));
    expect(batch.take()).toHaveLength(1_000 - IMMEDIATE_ENTRIES);
    batch.add(entry);
    expect(posted).toHaveLength(IMMEDIATE_ENTRIES + 1);
  });

  it('appendBounded keeps to its limit without spreading a huge array', () => {
    const target = [1, 2];
    expect(
      appendBounded(
        target,
        Array.from({ length: 500_000 }, (_, i) => i),
        10,
      ),
    ).toBe(500_000 - 8);
    expect(target).toHaveLength(10);
  });
});
