// The differential test's playground path (differential.test.ts): each adapter is obtained the
// way the playground's reader gets it — a PlaygroundSession of the implementation ('ours' or
// 'official'), a run.ts that imports `@auth/sequelize-adapter` and calls `SequelizeAdapter(sequelize)`
// (the session tracks that adapter), then every call sent as the Adapter panel sends it,
// `session.call(method, jsonArgs)`. What is compared is what the session reports in the call's
// Outcome: the call's result (a DisplayValue, decoded back strictly) or its error, and the schema
// and rows of the Outcome — never a value read around the session.
import type { EngineId } from '../../../src/playground/engine-registry.ts';
import type { ImplementationId } from '../../../src/playground/implementation-registry.ts';
import type { AdapterMethod, DisplayValue, Outcome, SchemaInfo, TableView } from '../../../src/playground/protocol.ts';
import { loadPgliteEngine } from '../../../src/engine/pglite/load-pglite.ts';
import { loadAuthInNode } from '../../../src/playground/runtime/auth/node-loader.ts';
import { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { compile, createSession, environmentOf, files } from '../playground/support.ts';
import { type Contents, MODEL_INSTANCE, type Row, type Schema, type Snapshot, sortRows, THREW } from './differential-support.ts';

/** What a session's run.ts reported and the adapter it made, ready for calls. */
export interface SessionSide {
  readonly session: PlaygroundSession;
  /** session.versions.adapter: which package the session serves for `@auth/sequelize-adapter`. */
  readonly adapter: string;
  /** The adapter the session tracks (Outcome.adapter.description). */
  readonly description: string;
  /** The names of the Sequelize models the adapter defined (its classes are named after them). */
  readonly models: readonly string[];
  /** One adapter call through the session: the result as the session reports it, and the database after it. */
  call(method: AdapterMethod, args: readonly unknown[]): Promise<{ result: unknown } & Snapshot>;
  close(): void;
}

// The reader's code: the official package's documented setup, nothing else (the adapter syncs
// its tables on its first call, as in the direct path). `export default` makes the session show
// the models the adapter defined — needed to tell a Sequelize Model instance in a DisplayValue
// (labelled with its class name, which Sequelize sets to the model's name) from another class.
const RUN_TS = `
import { Sequelize } from "sequelize"
import SequelizeAdapter from "@auth/sequelize-adapter"

const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })
export const adapter = SequelizeAdapter(sequelize)
export default Object.keys(sequelize.models)
`;

/**
 * A session as createSession (tests/unit/playground/support.ts) makes it. On PostgreSQL each side
 * gets a PGlite engine of its own: a PGlite engine holds one database at a time (opening one
 * detaches the last), and createSession shares one engine per test file.
 */
async function sessionOf(engine: EngineId, implementation: ImplementationId): Promise<PlaygroundSession> {
  if (engine === 'sqlite') return createSession('sequelize', engine, implementation);
  return new PlaygroundSession(await loadPgliteEngine(), environmentOf('sequelize', engine, implementation), undefined, { loadAuth: loadAuthInNode });
}

export async function openSessionSide(engine: EngineId, implementation: ImplementationId): Promise<SessionSide> {
  const session = await sessionOf(engine, implementation);
  const run = await session.run(await compile('sequelize', files({ 'run.ts': RUN_TS })), 'run.ts');
  if (run.error) throw new Error(`run.ts failed in the ${implementation} session: ${run.error.name}: ${run.error.message}`);
  if (!run.adapter) throw new Error(`the ${implementation} session tracks no adapter after run.ts`);
  const shown = run.console.find((entry) => entry.kind === 'value');
  const models = shown?.kind === 'value' ? decodeDisplayValue(shown.value, new Set()) : undefined;
  if (!Array.isArray(models) || !models.every((name) => typeof name === 'string')) throw new Error('run.ts did not show the model names');
  const modelNames = new Set(models);
  return {
    session,
    adapter: session.versions.adapter ?? '(none)',
    description: run.adapter.description,
    models,
    async call(method, args) {
      // The panel sends JSON: Dates travel as ISO strings and the session revives them
      // (call-arguments.ts) before the adapter sees them.
      const outcome = await session.call(method, JSON.parse(JSON.stringify(args)) as unknown[]);
      return { result: callResult(outcome, method, modelNames), ...snapshotOf(outcome) };
    },
    close: () => session.dispose(),
  };
}

/**
 * The call's result as the session recorded it (Outcome.calls): its DisplayValue decoded, or its
 * error as `{ [THREW]: "Name: message" }` as the direct path's `settle` records a rejection.
 */
function callResult(outcome: Outcome, method: AdapterMethod, models: ReadonlySet<string>): unknown {
  // One panel call, one record: an adapter that called its own tracked methods would add more.
  if (outcome.calls.length !== 1 || outcome.calls[0]?.method !== method || outcome.calls[0].source !== 'panel') {
    throw new Error(
      `expected the session to record exactly one panel call of ${method}, got ${outcome.calls.map((call) => `${call.source}:${call.method}`).join(', ') || 'none'}`,
    );
  }
  const [record] = outcome.calls;
  if (record.error) return { [THREW]: `${record.error.name}: ${record.error.message}` };
  if (!outcome.ok) throw new Error(`the call of ${method} succeeded but the outcome failed: ${outcome.error?.name}: ${outcome.error?.message}`);
  if (!record.result) throw new Error(`the session recorded neither a result nor an error for ${method}`);
  return decodeDisplayValue(record.result, models);
}

/** Thrown where a DisplayValue does not hold the whole value: such a result cannot be compared. */
class NotWhole extends Error {
  override readonly name = 'NotWhole';
}

/** clipText's mark (display-value.ts): the string was cut to its first characters. */
const CLIPPED = /… \([\d,]+ characters\)$/;

/**
 * The value a DisplayValue shows, where it shows all of it — else NotWhole, so that a result the
 * display cut short fails the step instead of comparing part of it. Objects labelled with the
 * name of one of `models` are Sequelize Model instances (the display shows their data values,
 * as `toJSON()` would): recorded as the direct path's `normalise` records them,
 * `{ [MODEL_INSTANCE]: modelName, ...values }`. An object of any other class keeps its label
 * under `(instance of)`, so that it shows as a difference unless both sides return the same.
 */
export function decodeDisplayValue(value: DisplayValue, models: ReadonlySet<string>): unknown {
  switch (value.type) {
    case 'string': {
      const text: unknown = JSON.parse(value.preview);
      if (typeof text !== 'string' || CLIPPED.test(text)) throw new NotWhole(`a string cut short: ${value.preview.slice(0, 80)}`);
      return text;
    }
    case 'number':
      return Number(value.preview);
    case 'bigint':
      return BigInt(value.preview.slice(0, -1));
    case 'boolean':
      return value.preview === 'true';
    case 'null':
      return null;
    case 'undefined':
      return undefined;
    case 'date':
      return new Date(value.preview === 'Invalid Date' ? Number.NaN : value.preview);
    case 'array':
      return entriesOf(value).map(([, entry]) => decodeDisplayValue(entry, models));
    case 'object': {
      const object: Record<string, unknown> = {};
      if (value.label !== undefined) object[models.has(value.label) ? MODEL_INSTANCE : '(instance of)'] = value.label;
      for (const [key, entry] of entriesOf(value)) object[key] = decodeDisplayValue(entry, models);
      return object;
    }
    default:
      throw new NotWhole(`a ${value.type} (${value.preview.slice(0, 80)}) is not a value the comparison can decode`);
  }
}

function entriesOf(value: DisplayValue): ReadonlyArray<readonly [string, DisplayValue]> {
  if (!value.entries || (value.more ?? 0) > 0) throw new NotWhole(`${value.preview.slice(0, 80)} is shown without all of its entries`);
  return value.entries;
}

/** The Outcome's schema and live rows, in the shapes differential-support.ts compares. */
export function snapshotOf(outcome: Outcome): Snapshot {
  return { schema: schemaOf(outcome.schema), contents: contentsOf(outcome.tables) };
}

const ORIGINS = { pk: 'primary key', u: 'unique constraint', c: 'index' } as const;

function schemaOf(info: SchemaInfo): Schema {
  const schema: Schema = {};
  for (const table of info.tables) {
    schema[table.name] = {
      columns: table.columns.map((column) => ({
        name: column.name,
        type: column.type,
        notNull: column.notNull,
        default: column.defaultValue,
        primaryKey: column.primaryKey,
      })),
      indexes: table.indexes.map((index) => ({ unique: index.unique, columns: [...index.columns], origin: ORIGINS[index.origin] })),
      // One entry per column pair, as the direct path reads them (every key here has one column).
      foreignKeys: table.foreignKeys.flatMap((key) =>
        key.columns.map((from, i) => ({ from, table: key.table, to: key.references[i] ?? '?', onDelete: key.onDelete, onUpdate: key.onUpdate })),
      ),
    };
  }
  return schema;
}

/** The rows each table holds after the action (deleted rows, which the panel strikes through, left out). */
function contentsOf(tables: readonly TableView[]): Contents {
  const contents: Contents = {};
  for (const table of tables) {
    // Everything must have been sent: a table cut short would compare as missing rows or columns.
    if (table.truncated || table.columns.length !== table.columnCount) throw new NotWhole(`table ${table.name} was not sent whole`);
    const rows: Row[] = [];
    for (const row of table.rows) {
      if (row.status === 'deleted') continue;
      if (row.clipped?.some(([, , of]) => of === 'value')) throw new NotWhole(`a cell of ${table.name} was cut short`);
      rows.push(Object.fromEntries(table.columns.map((column, i) => [column, row.values[i] ?? null])));
    }
    contents[table.name] = sortRows(table.name, rows);
  }
  return contents;
}
