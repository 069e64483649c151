/**
 * How the simulated network (auth/simulated-network.ts) becomes `fetch` during an action. In the
 * sandboxed worker, isolation.ts replaces the real `fetch` with a getter that reads this slot —
 * empty outside actions, so `fetch` is undefined there as before — because the property itself
 * is locked (non-configurable) against the reader's code. Where `fetch` is an ordinary writable
 * property (Node), the simulated one is assigned for the action instead. Either way no request
 * leaves: the simulated network answers or refuses every URL.
 */
export const FETCH_ROUTE = '__adapterLabFetchRoute__';

type Scope = { fetch?: typeof fetch | undefined; [FETCH_ROUTE]?: typeof fetch | undefined };

export function routeFetch(scope: object, simulated: typeof fetch): () => void {
  const target = scope as Scope;
  const descriptor = findDescriptor(scope, 'fetch');
  if (descriptor?.get !== undefined && !descriptor.configurable) {
    const previous = target[FETCH_ROUTE];
    target[FETCH_ROUTE] = simulated;
    return () => {
      target[FETCH_ROUTE] = previous;
    };
  }
  const previous = target.fetch;
  target.fetch = simulated;
  return () => {
    target.fetch = previous;
  };
}

function findDescriptor(scope: object, name: string): PropertyDescriptor | undefined {
  for (let target: object | null = scope; target; target = Object.getPrototypeOf(target)) {
    const descriptor = Object.getOwnPropertyDescriptor(target, name);
    if (descriptor) return descriptor;
  }
  return undefined;
}
