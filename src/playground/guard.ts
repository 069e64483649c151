/**
 * Small runtime type checks for data that crossed a trust boundary (messages from the runtime
 * worker, which the reader's code can forge). A guard returns why a value is not of its type —
 * a path and what was expected, never the value itself, so a hostile string is not echoed — or
 * undefined when it is. Unknown extra properties are ignored, so either side may add optional
 * fields first.
 *
 * The types keep the guards honest: `object<T>()` wants a guard for every key of T (a field added
 * to a protocol type fails the type check until its guard is written), optional keys take
 * `optional(…)`, and a guard may not accept more than its type allows.
 */

declare const guarded: unique symbol;
declare const optionalMark: unique symbol;

export interface Guard<T> {
  (value: unknown, path: string): string | undefined;
  /** Compile time only: what the guard admits (covariant, so a broader guard does not fit a narrower type). */
  readonly [guarded]?: T;
  readonly [optionalMark]?: false;
}

/** A guard for an optional property: `undefined` (or absent) passes. */
export interface OptionalGuard<T> {
  (value: unknown, path: string): string | undefined;
  readonly [guarded]?: T | undefined;
  readonly [optionalMark]: true;
}

/** One guard per key of T; optional keys need `optional(…)`. */
export type Fields<T> = {
  // biome-ignore lint/complexity/noBannedTypes: `{} extends Pick<T, K>` is how TypeScript tells an optional key.
  readonly [K in keyof T]-?: {} extends Pick<T, K> ? OptionalGuard<Exclude<T[K], undefined>> : Guard<T[K]>;
};

/** What a value is, in words for a failure reason (never its content). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'bytes';
  const type = typeof value;
  return type === 'object' ? 'an object' : type === 'undefined' ? 'undefined' : `a ${type}`;
}

const expected = (path: string, what: string, value: unknown): string => `${path}: expected ${what}, got ${kindOf(value)}`;

export const string: Guard<string> = (value, path) => (typeof value === 'string' ? undefined : expected(path, 'a string', value));
export const number: Guard<number> = (value, path) => (typeof value === 'number' && !Number.isNaN(value) ? undefined : expected(path, 'a number', value));
export const boolean: Guard<boolean> = (value, path) => (typeof value === 'boolean' ? undefined : expected(path, 'true or false', value));
export const nullValue: Guard<null> = (value, path) => (value === null ? undefined : expected(path, 'null', value));
export const bytes: Guard<Uint8Array> = (value, path) => (value instanceof Uint8Array ? undefined : expected(path, 'bytes', value));
export const arrayBuffer: Guard<ArrayBuffer> = (value, path) => (value instanceof ArrayBuffer ? undefined : expected(path, 'an ArrayBuffer', value));

/** One of a few strings (an enum-like union). */
export function oneOf<const V extends readonly string[]>(...values: V): Guard<V[number]> {
  return (value, path) =>
    typeof value === 'string' && values.includes(value)
      ? undefined
      : `${path}: expected one of ${values.join(', ')}, got ${typeof value === 'string' ? 'another string' : kindOf(value)}`;
}

export function optional<T>(guard: Guard<T>): OptionalGuard<T> {
  return ((value: unknown, path: string) => (value === undefined ? undefined : guard(value, path))) as OptionalGuard<T>;
}

/** The first guard that accepts the value; the reason names them all. */
export function either<A, B>(a: Guard<A>, b: Guard<B>, what: string): Guard<A | B> {
  return (value, path) => (a(value, path) === undefined || b(value, path) === undefined ? undefined : expected(path, what, value));
}

export function arrayOf<T>(item: Guard<T>): Guard<readonly T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) return expected(path, 'an array', value);
    for (let index = 0; index < value.length; index++) {
      const problem = item(value[index], `${path}[${index}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** A fixed-length array whose items are of the given kinds, in order. */
export function tuple<const T extends readonly unknown[]>(...items: { readonly [K in keyof T]: Guard<T[K]> }): Guard<Readonly<T>> {
  return (value, path) => {
    if (!Array.isArray(value) || value.length !== items.length) return expected(path, `${items.length} items`, value);
    for (let index = 0; index < items.length; index++) {
      const problem = items[index]!(value[index], `${path}[${index}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** A plain object whose every own property is of one kind (a dictionary). */
export function recordOf<T>(item: Guard<T>): Guard<Readonly<Record<string, T>>> {
  return (value, path) => {
    if (!isRecord(value)) return expected(path, 'an object', value);
    for (const key of Object.keys(value)) {
      const problem = item(value[key], `${path}.${key.length <= 40 && /^[\w$]+$/.test(key) ? key : '(key)'}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

function checkFields(
  value: Record<string, unknown>,
  fields: Readonly<Record<string, Guard<unknown> | OptionalGuard<unknown>>>,
  path: string,
): string | undefined {
  for (const key of Object.keys(fields)) {
    const problem = fields[key]!(value[key], `${path}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}

/** An object with these fields (others ignored). */
export function object<T>(fields: Fields<T>): Guard<T> {
  const table = fields as Readonly<Record<string, Guard<unknown>>>;
  return (value, path) => (isRecord(value) ? checkFields(value, table, path) : expected(path, 'an object', value));
}

type Variant<T, D extends keyof T, V> = Omit<Extract<T, Readonly<Record<D, V>>>, D>;

/**
 * A union told apart by one string property (`kind`, `type`): the fields of each variant, the
 * discriminant excepted. Every variant must be listed.
 */
export function variants<T extends Readonly<Record<D, string>>, D extends keyof T & string>(
  discriminant: D,
  cases: { readonly [V in T[D]]: Fields<Variant<T, D, V>> },
): Guard<T> {
  const table = cases as unknown as Readonly<Record<string, Readonly<Record<string, Guard<unknown>>>>>;
  return (value, path) => {
    if (!isRecord(value)) return expected(path, 'an object', value);
    const tag = value[discriminant];
    const fields = typeof tag === 'string' && Object.hasOwn(table, tag) ? table[tag] : undefined;
    if (!fields)
      return `${path}.${discriminant}: expected one of ${Object.keys(table).join(', ')}, got ${typeof tag === 'string' ? 'another string' : kindOf(tag)}`;
    return checkFields(value, fields, path);
  };
}

/**
 * A type that contains itself (an inspect tree, an error's cause), nested at most `limit` deep:
 * deeper means the sender is not ours (ours cuts off well before), and the check stays bounded.
 */
export function recursive<T>(limit: number, build: (self: Guard<T>) => Guard<T>): Guard<T> {
  let depth = 0;
  let inner: Guard<T> | undefined;
  const self: Guard<T> = (value, path) => {
    if (depth >= limit) return `${path}: nested more than ${limit} deep`;
    depth++;
    try {
      return inner!(value, path);
    } finally {
      depth--;
    }
  };
  inner = build(self);
  return self;
}
