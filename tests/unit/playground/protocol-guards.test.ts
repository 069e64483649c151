// The page checks every message from the runtime (protocol-guards.ts): what a real session sends
// passes, structurally cloned as postMessage clones it; a message changed in any place the page
// reads fails with a reason that names the place and never echoes the value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleEntry, Outcome, RuntimeResponse } from '../../../src/playground/protocol.ts';
import { checkRuntimeResponse, MAX_DISPLAY_DEPTH } from '../../../src/playground/protocol-guards.ts';
import type { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { compile, createSession, exampleFiles, files } from './support.ts';

/** A mutable deep copy, as the page receives it. */
// biome-ignore lint/suspicious/noExplicitAny: the tests break messages field by field, whatever their type.
type Loose = Record<string, any>;
const received = (message: RuntimeResponse): Loose => structuredClone(message) as Loose;

let session: PlaygroundSession;
const live: ConsoleEntry[] = [];
let example: Outcome;
let failing: Outcome;
let call: Outcome;
let flow: Outcome;
let imported: Outcome;

beforeAll(async () => {
  session = await createSession('sequelize');
  session.onEntry = (entry) => live.push(entry);
  example = await session.run(await compile('sequelize', exampleFiles('sequelize-sign-in')), 'run.ts');
  call = await session.call('getUserByEmail', ['hedy@example.com']);
  flow = await session.flow({ flow: 'oauth-sign-in', browser: 'main' });
  imported = (await session.loadDatabase(example.database!, 'copy.sqlite')) as Outcome;
  failing = await session.run(
    await compile(
      'sequelize',
      files({
        'run.ts': [
          'const nested = { a: { b: { c: { d: { e: [1, 2n, new Map([["k", new Set([new Date(0)])]])] } } } } }',
          'console.log("values", nested, new Uint8Array([1, 2]), Symbol("s"), () => 1, null, undefined)',
          'console.warn(new Error("outer", { cause: new TypeError("inner") }))',
          'export default Promise.resolve(42)',
          'throw new RangeError("boom", { cause: new Error("root") })',
        ].join('\n'),
      }),
    ),
    'run.ts',
    { keep: true },
  );
}, 120_000);

afterAll(() => session?.dispose());

const outcomeMessage = (outcome: Outcome): Loose => received({ type: 'outcome', id: 7, outcome });

describe('what the runtime really sends passes', () => {
  it('outcomes of a run, a failing run, a call, a flow and an import', () => {
    expect(example.tables.length).toBeGreaterThan(0);
    expect(example.statements.length).toBeGreaterThan(0);
    expect(failing.error?.cause).toBeDefined();
    for (const outcome of [example, failing, call, flow, imported]) expect(checkRuntimeResponse(outcomeMessage(outcome))).toBeUndefined();
  });

  it('progress with each console entry as it was logged, ready, refused and fatal', () => {
    expect(live.some((entry) => entry.kind === 'call')).toBe(true);
    expect(live.some((entry) => entry.kind === 'log')).toBe(true);
    for (const entry of live) expect(checkRuntimeResponse(received({ type: 'progress', id: 1, console: [entry] }))).toBeUndefined();
    expect(checkRuntimeResponse({ type: 'progress', id: 1, console: [] })).toBeUndefined();
    expect(checkRuntimeResponse({ type: 'ready', versions: session.versions, startupMs: 12.5, files: { wasm: new ArrayBuffer(8) } })).toBeUndefined();
    expect(checkRuntimeResponse({ type: 'refused', id: 3, message: 'x.csv: not a database' })).toBeUndefined();
    expect(checkRuntimeResponse({ type: 'fatal', message: 'The playground runtime failed: …' })).toBeUndefined();
  });

  it('extra properties, anywhere, are ignored (either side may add optional fields first)', () => {
    const message = outcomeMessage(example);
    message['extra'] = 1;
    message['outcome'].future = { anything: true };
    message['outcome'].tables[0].hint = 'later';
    message['outcome'].console[0].stack = [];
    expect(checkRuntimeResponse(message)).toBeUndefined();
  });
});

describe('a changed message fails, with the place named', () => {
  const cases: Array<[what: string, change: (message: Loose) => void, reason: string]> = [
    [
      'tables: null',
      (m) => {
        m['outcome'].tables = null;
      },
      'message.outcome.tables: expected an array, got null',
    ],
    [
      'no console',
      (m) => {
        delete m['outcome'].console;
      },
      'message.outcome.console: expected an array, got undefined',
    ],
    [
      "a row's values not a list",
      (m) => {
        m['outcome'].tables[0].rows[0].values = 'x';
      },
      'message.outcome.tables[0].rows[0].values: expected an array, got a string',
    ],
    [
      'a cell of an object',
      (m) => {
        m['outcome'].tables[0].rows[0].values[0] = { toString: 1 };
      },
      'message.outcome.tables[0].rows[0].values[0]: expected an SQLite value, got an object',
    ],
    [
      'a row status unknown',
      (m) => {
        m['outcome'].tables[0].rows[0].status = '<img src=x>';
      },
      'message.outcome.tables[0].rows[0].status: expected one of same, inserted, updated, deleted, got another string',
    ],
    [
      'columns of numbers',
      (m) => {
        m['outcome'].tables[0].columns = [1];
      },
      'message.outcome.tables[0].columns[0]: expected a string, got a number',
    ],
    [
      'changes missing',
      (m) => {
        m['outcome'].tables[0].changes = undefined;
      },
      'message.outcome.tables[0].changes: expected an object, got undefined',
    ],
    [
      'a console entry of an unknown kind',
      (m) => {
        m['outcome'].console[0] = { kind: 'html', html: '<b>' };
      },
      'message.outcome.console[0].kind: expected one of log, call, notice, error, value, got another string',
    ],
    [
      'a statement without SQL',
      (m) => {
        m['outcome'].statements[0].sql = null;
      },
      'message.outcome.statements[0].sql: expected a string, got null',
    ],
    [
      "a statement's parameters",
      (m) => {
        m['outcome'].statements[0].params = [{ blob: 1 }];
      },
      'message.outcome.statements[0].params: expected parameters (a list or named), got an array',
    ],
    [
      "a statement's origin",
      (m) => {
        m['outcome'].statements[0].origin = { kind: 'call' };
      },
      'message.outcome.statements[0].origin.callId: expected a number, got undefined',
    ],
    [
      'a duration that is not a number',
      (m) => {
        m['outcome'].durationMs = Number.NaN;
      },
      'message.outcome.durationMs: expected a number, got a number',
    ],
    [
      'the database as text',
      (m) => {
        m['outcome'].database = 'SQLite format 3';
      },
      'message.outcome.database: expected a database file or null, got a string',
    ],
    [
      'schema without tables',
      (m) => {
        m['outcome'].schema = {};
      },
      'message.outcome.schema.tables: expected an array, got undefined',
    ],
    [
      'an adapter method that is not one',
      (m) => {
        m['outcome'].adapter.methods.push('toString');
      },
      `message.outcome.adapter: expected an adapter or null, got an object`,
    ],
    [
      "a call's arguments",
      (m) => {
        m['outcome'].calls[0] = { ...m['outcome'].calls[0], args: [1] };
      },
      'message.outcome.calls[0].args[0]: expected an object, got a number',
    ],
    [
      'the source',
      (m) => {
        m['outcome'].source = { kind: 'flow', flow: 'x', browser: 'main' };
      },
      'message.outcome.source.flow: expected one of oauth-sign-in, email-sign-in, open-email-link, credentials-sign-in, sign-out, link-account, refresh-session, expire-session, session, delete-user, got another string',
    ],
    [
      'no id',
      (m) => {
        delete m['id'];
      },
      'message.id: expected a number, got undefined',
    ],
    [
      'an unknown type',
      (m) => {
        m['type'] = 'eval';
      },
      'message.type: expected one of ready, outcome, database, value, refused, progress, fatal, load-auth, got another string',
    ],
  ];
  for (const [what, change, reason] of cases) {
    it(what, () => {
      const message = outcomeMessage(example);
      change(message);
      expect(checkRuntimeResponse(message)).toBe(reason);
    });
  }

  it('errors: a frame, a phase, a cause', () => {
    const message = outcomeMessage(failing);
    message['outcome'].error.frames[0].line = '6';
    expect(checkRuntimeResponse(message)).toBe('message.outcome.error.frames[0].line: expected a number, got a string');
    const phase = outcomeMessage(failing);
    phase['outcome'].error.cause.phase = 'later';
    expect(checkRuntimeResponse(phase)).toMatch(/^message\.outcome\.error\.cause\.phase: expected one of compile, /);
  });

  it('an inspect tree nested deeper than the runtime ever makes one, or a cause chain without end', () => {
    const leaf = { type: 'number', preview: '1' };
    let deep: Loose = leaf;
    for (let level = 0; level < MAX_DISPLAY_DEPTH + 5; level++) deep = { type: 'object', preview: '{…}', entries: [['a', deep]] };
    const message = received({ type: 'progress', id: 1, console: [] });
    message['console'] = [{ kind: 'value', label: 'x', value: deep, time: 0 }];
    expect(checkRuntimeResponse(message)).toMatch(
      new RegExp(`^message\\.console\\[0\\]\\.value(\\.entries\\[0\\]\\[1\\])+: nested more than ${MAX_DISPLAY_DEPTH} deep$`),
    );
    const error: Loose = { name: 'E', message: 'm', phase: 'run', frames: [] };
    error['cause'] = error;
    expect(checkRuntimeResponse({ type: 'outcome', id: 1, outcome: { ...outcomeMessage(example)['outcome'], error } })).toMatch(
      /^message\.outcome\.error(\.cause)+: nested more than 16 deep$/,
    );
  });

  it('progress, refused and fatal with the wrong kinds; anything that is not an object', () => {
    expect(checkRuntimeResponse({ type: 'progress', id: 1, console: null })).toBe('message.console: expected an array, got null');
    expect(checkRuntimeResponse({ type: 'progress', id: 1, console: [{ kind: 'log', level: 'shout', values: [], time: 0 }] })).toMatch(
      /^message\.console\[0\]\.level: expected one of log, /,
    );
    expect(checkRuntimeResponse({ type: 'refused', id: 1 })).toBe('message.message: expected a string, got undefined');
    expect(checkRuntimeResponse({ type: 'fatal', message: { toString: () => 'x' } })).toBe('message.message: expected a string, got an object');
    expect(checkRuntimeResponse({ type: 'ready', versions: { orm: 'x' }, startupMs: 1, files: {} })).toBe(
      'message.versions.adapter: expected a string, got undefined',
    );
    expect(checkRuntimeResponse({ type: 'ready', versions: session.versions, startupMs: 1, files: { wasm: new Uint8Array(8) } })).toBe(
      'message.files.wasm: expected an ArrayBuffer, got bytes',
    );
    for (const value of [null, undefined, 'outcome', 42, [], new Uint8Array(2)])
      expect(checkRuntimeResponse(value)).toMatch(/^message: expected an object, got /);
  });

  it('a whole value: text, a number, NULL or a BLOB as hex, nothing else', () => {
    for (const value of ['x'.repeat(2_000), 1.5, null, { hex: '00ff' }]) expect(checkRuntimeResponse({ type: 'value', id: 1, value })).toBeUndefined();
    expect(checkRuntimeResponse({ type: 'value', id: 1, value: new Uint8Array(2) })).toMatch(/^message\.value(\.hex)?: expected /);
    expect(checkRuntimeResponse({ type: 'value', id: 1, value: { hex: 7 } })).toMatch(/^message\.value(\.hex)?: expected /);
    expect(checkRuntimeResponse({ type: 'value', id: 1 })).toMatch(/^message\.value: expected /);
  });
});
