import type { DisplayValue } from '../protocol.ts';
import { countText } from '../count-text.ts';

/** How much of a value is sent to the page: enough to read, never a whole ORM object graph. */
export interface DisplayLimits {
  readonly depth: number;
  readonly entries: number;
  readonly stringLength: number;
  /** Values rendered in all (a tree 4 deep of 50 entries each would be 6 million). */
  readonly nodes: number;
  /** Characters of previews in all; past it, strings keep SHORT_STRING characters. */
  readonly chars: number;
}

export const DEFAULT_LIMITS: DisplayLimits = { depth: 4, entries: 50, stringLength: 2_000, nodes: 500, chars: 20_000 };

/** What is left of a rendering's limits: shared by every value of one console call. */
interface Budget {
  nodes: number;
  chars: number;
}

const SHORT_STRING = 40;

const PREVIEW_ENTRIES = 5;
const PREVIEW_LENGTH = 120;

/**
 * Renders any value as a DisplayValue tree (like Node's util.inspect, but as data): safe on
 * circular graphs, getters that throw, proxies and huge arrays. ORM instances show their class
 * and own fields; Sequelize model instances show their data values, as `toJSON()` would.
 */
export function toDisplayValue(value: unknown, limits: DisplayLimits = DEFAULT_LIMITS): DisplayValue {
  return toDisplayValues([value], limits).values[0]!;
}

/**
 * Several values (a console call's arguments) within one set of limits, and the characters
 * their previews take (for a caller's own budget).
 */
export function toDisplayValues(values: readonly unknown[], limits: DisplayLimits = DEFAULT_LIMITS): { values: DisplayValue[]; size: number } {
  const budget: Budget = { nodes: limits.nodes, chars: limits.chars };
  const rendered = values.map((value) => render(value, limits, 0, new WeakSet(), budget));
  return { values: rendered, size: limits.chars - budget.chars };
}

/** A string cut to `max` characters, saying how long it was. */
export function clipText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${countText(text.length)} characters)` : text;
}

function render(value: unknown, limits: DisplayLimits, depth: number, seen: WeakSet<object>, budget: Budget): DisplayValue {
  budget.nodes--;
  const rendered = renderAny(value, limits, depth, seen, budget);
  budget.chars -= rendered.preview.length + (rendered.label?.length ?? 0);
  return rendered;
}

function renderAny(value: unknown, limits: DisplayLimits, depth: number, seen: WeakSet<object>, budget: Budget): DisplayValue {
  switch (typeof value) {
    case 'string':
      return { type: 'string', preview: JSON.stringify(clipText(value, Math.min(limits.stringLength, Math.max(SHORT_STRING, budget.chars)))) };
    case 'number':
      return { type: 'number', preview: Object.is(value, -0) ? '-0' : String(value) };
    case 'bigint':
      return { type: 'bigint', preview: `${value}n` };
    case 'boolean':
      return { type: 'boolean', preview: String(value) };
    case 'undefined':
      return { type: 'undefined', preview: 'undefined' };
    case 'symbol':
      return { type: 'symbol', preview: clipText(value.toString(), PREVIEW_LENGTH) };
    case 'function':
      return { type: 'function', preview: functionPreview(value as (...args: unknown[]) => unknown) };
  }
  if (value === null) return { type: 'null', preview: 'null' };
  const object = value as object;
  if (seen.has(object)) return { type: 'circular', preview: '[Circular]' };
  try {
    return renderObject(object, limits, depth, seen, budget);
  } catch (error) {
    // A proxy or exotic object that throws on inspection: say so rather than fail the log.
    return { type: 'object', preview: `[uninspectable: ${error instanceof Error ? error.message : String(error)}]` };
  }
}

function renderObject(object: object, limits: DisplayLimits, depth: number, seen: WeakSet<object>, budget: Budget): DisplayValue {
  if (object instanceof Date) return { type: 'date', preview: Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString() };
  if (object instanceof Uint8Array || object instanceof ArrayBuffer) {
    const bytes = object instanceof ArrayBuffer ? new Uint8Array(object) : object;
    const hex = [...bytes.subarray(0, 32)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
    return { type: 'bytes', label: `${className(object) ?? 'Uint8Array'}(${bytes.length})`, preview: `<${hex}${bytes.length > 32 ? ' …' : ''}>` };
  }
  if (object instanceof Promise) return { type: 'promise', preview: 'Promise { <pending> }', label: 'Promise' };
  if (object instanceof RegExp) return { type: 'object', preview: clipText(String(object), PREVIEW_LENGTH) };
  seen.add(object);
  try {
    if (object instanceof Error) return renderError(object, limits, depth, seen, budget);
    // Out of depth or of nodes: the summary only, as consoles print a nested object.
    const deeper = depth >= limits.depth || budget.nodes <= 0;
    if (Array.isArray(object)) {
      const label = `Array(${object.length})`;
      if (deeper) return { type: 'array', label, preview: `[${label}]` };
      const items = object.slice(0, shownEntries(limits, budget)).map((item, i) => [String(i), render(item, limits, depth + 1, seen, budget)] as const);
      return {
        type: 'array',
        label,
        entries: items,
        more: Math.max(0, object.length - items.length),
        preview: listPreview(
          '[',
          ']',
          items.map(([, item]) => item.preview),
          object.length,
        ),
      };
    }
    if (object instanceof Map) {
      const label = `Map(${object.size})`;
      if (deeper) return { type: 'map', label, preview: `[${label}]` };
      const entries = firstOf(object, shownEntries(limits, budget)).map(
        ([key, item]) => [keyText(key), render(item, limits, depth + 1, seen, budget)] as const,
      );
      return {
        type: 'map',
        label,
        entries,
        more: Math.max(0, object.size - entries.length),
        preview: `${label} ${listPreview(
          '{',
          '}',
          entries.map(([key, item]) => `${key} => ${item.preview}`),
          object.size,
        )}`,
      };
    }
    if (object instanceof Set) {
      const label = `Set(${object.size})`;
      if (deeper) return { type: 'set', label, preview: `[${label}]` };
      const entries = firstOf(object, shownEntries(limits, budget)).map((item, i) => [String(i), render(item, limits, depth + 1, seen, budget)] as const);
      return {
        type: 'set',
        label,
        entries,
        more: Math.max(0, object.size - entries.length),
        preview: `${label} ${listPreview(
          '{',
          '}',
          entries.map(([, item]) => item.preview),
          object.size,
        )}`,
      };
    }
    const source = modelData(object) ?? object;
    const label = className(object);
    if (deeper) return { type: 'object', ...(label ? { label } : {}), preview: `[${label ?? 'Object'}]` };
    const keys = Object.keys(source);
    const entries = keys
      .slice(0, shownEntries(limits, budget))
      .map((key) => [clipText(key, PREVIEW_LENGTH), render(readProperty(source, key), limits, depth + 1, seen, budget)] as const);
    const preview = listPreview(
      '{',
      '}',
      entries.map(([key, item]) => `${propertyKey(key)}: ${item.preview}`),
      keys.length,
    );
    return {
      type: 'object',
      ...(label ? { label } : {}),
      entries,
      more: Math.max(0, keys.length - entries.length),
      preview: label ? `${label} ${preview}` : preview,
    };
  } finally {
    seen.delete(object);
  }
}

function renderError(error: Error, limits: DisplayLimits, depth: number, seen: WeakSet<object>, budget: Budget): DisplayValue {
  const entries: Array<readonly [string, DisplayValue]> = [];
  const deeper = depth >= limits.depth || budget.nodes <= 0;
  for (const key of deeper ? [] : Object.keys(error)) {
    if (entries.length >= limits.entries) break;
    entries.push([clipText(key, PREVIEW_LENGTH), render(readProperty(error, key), limits, depth + 1, seen, budget)]);
  }
  if (!deeper && error.cause !== undefined && !Object.keys(error).includes('cause'))
    entries.push(['cause', render(error.cause, limits, depth + 1, seen, budget)]);
  const name = clipText(String(error.name), PREVIEW_LENGTH);
  return { type: 'error', label: name, preview: `${name}: ${clipText(String(error.message), limits.stringLength)}`, entries };
}

/** Children to render of the next object: what the limits allow and the node budget has left. */
function shownEntries(limits: DisplayLimits, budget: Budget): number {
  return Math.min(limits.entries, Math.max(0, budget.nodes));
}

/** The first `count` items of a Map or Set, without copying a huge one whole. */
function firstOf<T>(items: Iterable<T>, count: number): T[] {
  const first: T[] = [];
  if (count <= 0) return first;
  for (const item of items) {
    first.push(item);
    if (first.length >= count) break;
  }
  return first;
}

function readProperty(object: object, key: string): unknown {
  try {
    return (object as Record<string, unknown>)[key];
  } catch (error) {
    return `[getter threw: ${error instanceof Error ? error.message : String(error)}]`;
  }
}

/** A Sequelize model instance: its row values (what toJSON() returns), not its internals. */
function modelData(object: object): object | undefined {
  const data = (object as { dataValues?: unknown }).dataValues;
  return data !== null && typeof data === 'object' && typeof (object as { get?: unknown }).get === 'function' ? data : undefined;
}

function className(object: object): string | undefined {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto === null) return '[Object: null prototype]';
  if (proto === Object.prototype) return undefined;
  const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? clipText(name, PREVIEW_LENGTH) : undefined;
}

function functionPreview(fn: (...args: unknown[]) => unknown): string {
  const text = Function.prototype.toString.call(fn);
  const kind = text.startsWith('class') ? 'class' : 'ƒ';
  return `[${kind} ${clipText(fn.name, PREVIEW_LENGTH) || '(anonymous)'}]`;
}

function keyText(key: unknown): string {
  return typeof key === 'string'
    ? JSON.stringify(clipText(key, PREVIEW_LENGTH))
    : toDisplayValue(key, { depth: 0, entries: 0, stringLength: 60, nodes: 1, chars: 200 }).preview;
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

function listPreview(open: string, close: string, items: readonly string[], total: number): string {
  if (total === 0) return `${open}${close}`;
  let text = '';
  let shown = 0;
  for (const item of items.slice(0, PREVIEW_ENTRIES)) {
    const next = text ? `${text}, ${item}` : item;
    if (next.length > PREVIEW_LENGTH && shown > 0) break;
    text = next.length > PREVIEW_LENGTH ? `${next.slice(0, PREVIEW_LENGTH)}…` : next;
    shown++;
  }
  const rest = total - shown;
  return `${open} ${text}${rest > 0 ? `, … ${rest} more` : ''} ${close}`;
}
