import type { RunError, RunPhase, SourceLocation } from '../protocol.ts';
import { ERROR_FRAME_LIMIT, ERROR_TEXT_LIMIT, shortenText } from '../output-limits.ts';
import type { SourceLocations } from './source-locations.ts';

/**
 * Marks a PlaygroundError whichever copy of this module made it: in the browser the Auth.js
 * runtime is a script of its own (sandbox/auth-runtime.chunk.ts) with its own copy of this class,
 * and its errors (a framework-only call, a flow's) must keep their hint and place here.
 */
const PLAYGROUND_ERROR = Symbol.for('adapter-lab:playground-error');

/** An error the playground itself raises about the reader's code, with where and what to do. */
export class PlaygroundError extends Error {
  override readonly name: string;
  readonly at: SourceLocation | undefined;
  readonly hint: string | undefined;

  constructor(message: string, options: { name?: string; at?: SourceLocation | undefined; hint?: string | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = options.name ?? 'PlaygroundError';
    this.at = options.at;
    this.hint = options.hint;
    Object.defineProperty(this, PLAYGROUND_ERROR, { value: true });
  }

  /** `instanceof` holds for a PlaygroundError of any copy of this module (see PLAYGROUND_ERROR). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Error && (value as unknown as Record<symbol, unknown>)[PLAYGROUND_ERROR] === true;
  }
}

const MAX_CAUSES = 4;

/**
 * Describes anything thrown as a RunError: its message, the first place in the reader's code,
 * and the chain of causes — including Sequelize's `parent`/`original` (the driver's error behind
 * "Validation error") and MikroORM's `previous`.
 */
export function toRunError(thrown: unknown, phase: RunPhase, locations: SourceLocations, depth = 0): RunError {
  if (!(thrown instanceof Error)) {
    return { name: 'Thrown value', message: shortenText(describeThrown(thrown), ERROR_TEXT_LIMIT), phase, frames: [] };
  }
  const frames = locations.frames(thrown.stack).slice(0, ERROR_FRAME_LIMIT);
  const own = thrown instanceof PlaygroundError ? thrown.at : undefined;
  const at = own ?? frames.find((frame) => frame.user) ?? locations.errorSite(thrown);
  const cause = depth < MAX_CAUSES ? causeOf(thrown) : undefined;
  const hint = thrown instanceof PlaygroundError ? thrown.hint : knownHint(thrown);
  return {
    name: shortenText(String(thrown.name || 'Error'), 200),
    message: shortenText(detailedMessage(thrown), ERROR_TEXT_LIMIT),
    phase,
    ...(at ? { at: { file: at.file, line: at.line, column: at.column } } : {}),
    frames,
    ...(hint ? { hint } : {}),
    ...(cause !== undefined ? { cause: toRunError(cause, phase, locations, depth + 1) } : {}),
  };
}

function causeOf(error: Error): unknown {
  const record = error as { cause?: unknown; parent?: unknown; original?: unknown; previous?: unknown };
  return record.cause ?? record.parent ?? record.original ?? record.previous;
}

/** Sequelize's validation errors list what failed in `errors`; the top message alone says little. */
function detailedMessage(error: Error): string {
  const items = (error as { errors?: unknown }).errors;
  if (Array.isArray(items) && items.length > 0 && error.message === 'Validation error') {
    const details = items.map((item: unknown) => (item as { message?: unknown }).message).filter((message): message is string => typeof message === 'string');
    if (details.length > 0) return `${error.message}: ${details.join('; ')}`;
  }
  return error.message;
}

function knownHint(error: Error): string | undefined {
  if (/global EntityManager instance methods for context specific actions is disallowed/.test(error.message)) {
    return 'Work on a fork: `const em = orm.em.fork()`. MikroORM forbids the global EntityManager outside a request context, in a real app as here.';
  }
  if (/no such table/i.test(error.message)) {
    return "The table does not exist yet: create it first (Sequelize: `await sequelize.sync()` or the adapter's `synchronize`; MikroORM: `await orm.schema.update()`), as migrations would in a real app.";
  }
  return undefined;
}

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return `${typeof value}: ${JSON.stringify(value) ?? String(value)}`;
  } catch {
    return String(value);
  }
}
