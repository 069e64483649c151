import type { Adapter } from '@auth/core/adapters';

/**
 * The adapter with every method waiting first for `prepare`, run once (and again after it
 * failed): how the MikroORM environments create the tables the adapter never creates itself,
 * before its first call, whichever method that is.
 */
export function afterPreparation(adapter: Adapter, prepare: () => Promise<void>): Adapter {
  let ready: Promise<void> | undefined;
  const wrapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(adapter)) {
    wrapped[key] =
      typeof value !== 'function'
        ? value
        : async (...args: unknown[]) => {
            await (ready ??= prepare().catch((error: unknown) => {
              ready = undefined;
              throw error;
            }));
            return (value as (...a: unknown[]) => unknown).apply(adapter, args);
          };
  }
  return wrapped as Adapter;
}
