/**
 * Takes away what the reader's code has no business with: the network, storage and the means
 * to start other contexts. In the production build this is the second line: the worker already
 * lives in an opaque-origin sandbox under a Content-Security-Policy that blocks every request
 * (sandbox-frame.ts). In `astro dev`, which serves workers as modules from the site's origin,
 * it is the only line.
 */
import { FETCH_ROUTE } from '../runtime/fetch-route.ts';

const BLOCKED = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'EventSource',
  'WebTransport',
  'importScripts',
  'indexedDB',
  'caches',
  'cookieStore',
  'Worker',
  'SharedWorker',
  'BroadcastChannel',
  'RTCPeerConnection',
] as const;

export function blockNetworkAndStorage(scope: object): string[] {
  const removed: string[] = [];
  for (const name of BLOCKED) {
    // The property may live on the global object or anywhere up its prototype chain.
    for (let target: object | null = scope; target; target = Object.getPrototypeOf(target)) {
      const descriptor = Object.getOwnPropertyDescriptor(target, name);
      if (!descriptor) continue;
      try {
        // `fetch` reads the simulated network's slot (fetch-route.ts): undefined but during Auth.js flows.
        const locked: PropertyDescriptor =
          name === 'fetch'
            ? { get: () => (scope as Record<string, unknown>)[FETCH_ROUTE], configurable: false, enumerable: false }
            : { value: undefined, writable: false, configurable: false, enumerable: false };
        Object.defineProperty(target, name, locked);
        removed.push(name);
      } catch {
        // A non-configurable property stays; the sandbox's CSP still blocks its requests.
      }
    }
  }
  const navigator = (scope as { navigator?: object }).navigator;
  if (navigator) {
    for (const name of ['sendBeacon', 'storage', 'serviceWorker', 'locks']) {
      for (let target: object | null = navigator; target; target = Object.getPrototypeOf(target)) {
        if (!Object.getOwnPropertyDescriptor(target, name)) continue;
        try {
          Object.defineProperty(target, name, { value: undefined, writable: false, configurable: false });
        } catch {
          // As above.
        }
      }
    }
  }
  return removed;
}
