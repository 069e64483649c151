/**
 * The data a package exports, as it was when the package loaded, put back before each run.
 *
 * ORMs write into the objects they are given: Sequelize's `define()` sets `field`, `type`,
 * `Model` and more on every attribute definition it receives, and an adapter package's exported
 * `models` are such definitions (the official docs spread them into a custom model; the adapter
 * itself defines its default models from them). A real app loads the package once per process.
 * The playground's worker keeps it across runs, so without this one run's options (`underscored`
 * or not) would decide the next run's column names.
 *
 * Plain objects and arrays reachable from the roots (through module namespaces too) are recorded,
 * their own enumerable properties by value; anything else (classes, functions, instances such
 * as Sequelize's data types) is kept by reference and not walked.
 */
export function pristineData(roots: readonly unknown[], depth = 6): () => void {
  const recorded = new Map<object, ReadonlyArray<readonly [string, unknown]>>();
  const seen = new Set<object>();
  const walk = (value: unknown, left: number): void => {
    if (left < 0 || typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    const kind = dataKind(value);
    if (kind === 'other') return;
    const entries = Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]] as const);
    // A namespace (or a bundler's object of getters standing for one) cannot be written to: walked, not recorded.
    if (kind !== 'namespace' && !hasAccessors(value)) recorded.set(value, entries);
    for (const [, child] of entries) walk(child, left - 1);
  };
  for (const root of roots) walk(root, depth);
  return () => {
    for (const [target, entries] of recorded) restore(target as Record<string, unknown>, entries);
  };
}

function dataKind(value: object): 'plain' | 'array' | 'namespace' | 'other' {
  if (Array.isArray(value)) return 'array';
  if (Object.prototype.toString.call(value) === '[object Module]') return 'namespace';
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null ? 'plain' : 'other';
}

function hasAccessors(value: object): boolean {
  return Object.values(Object.getOwnPropertyDescriptors(value)).some((descriptor) => !('value' in descriptor) || !descriptor.writable);
}

function restore(target: Record<string, unknown>, entries: ReadonlyArray<readonly [string, unknown]>): void {
  const kept = new Set(entries.map(([key]) => key));
  if (Array.isArray(target)) target.length = entries.length;
  else for (const key of Object.keys(target)) if (!kept.has(key)) delete target[key];
  for (const [key, value] of entries) if (target[key] !== value) target[key] = value;
}
