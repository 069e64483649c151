/**
 * The sandbox the runtime worker lives in, in the production build: an iframe with
 * `sandbox="allow-scripts"` (no `allow-same-origin`, so an opaque origin: no access to the
 * site's localStorage, IndexedDB, cookies or DOM) whose Content-Security-Policy (a <meta> in
 * its srcdoc) forbids every request — `connect-src 'none'` and scripts only from blob: URLs
 * the sandbox made itself. A worker started from a blob: URL inherits that policy, so neither
 * fetch() nor `import()` of any URL — even one built inside eval — can reach the network.
 * The page fetches the worker's script and sql.js's wasm itself and hands them over.
 *
 * None of this needs a response header: any static host gives the same guarantees.
 */
import { HANDSHAKE } from '../protocol.ts';

export const SANDBOX_CSP = [
  "default-src 'none'",
  // The relay below is inline; the worker and the reader's modules are blob: URLs; MikroORM
  // compiles hydrators with new Function; sql.js and es-module-lexer compile WebAssembly.
  "script-src 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval' blob:",
  'worker-src blob:',
  "connect-src 'none'",
].join('; ');

/**
 * The relay: starts the worker from the page's script and connects it to the page by a
 * MessagePort (its half of the handshake; the message names are protocol.ts's).
 */
const RELAY = `
addEventListener('message', function start(event) {
  if (event.source !== parent || !event.data || event.data.type !== '${HANDSHAKE.start}') return;
  removeEventListener('message', start);
  var port = event.data.port;
  try {
    var url = URL.createObjectURL(new Blob([event.data.source], { type: 'text/javascript' })); // a Blob in a Blob: no copy
    var worker = new Worker(url, { name: 'adapter-lab-runtime' });
    worker.onerror = function (error) {
      port.postMessage({ type: '${HANDSHAKE.fatal}', message: 'The playground runtime could not start: ' + (error.message || 'the worker script failed') });
    };
    worker.postMessage({ type: '${HANDSHAKE.connect}', port: port }, [port]);
  } catch (error) {
    port.postMessage({ type: '${HANDSHAKE.fatal}', message: 'The playground sandbox could not start a worker: ' + error });
  }
});
parent.postMessage({ type: '${HANDSHAKE.sandboxReady}' }, '*');
`;

export function sandboxSrcdoc(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${SANDBOX_CSP}"><title>Playground sandbox</title></head><body><script>${RELAY}</script></body></html>`;
}

/** The sandbox iframe's attributes: the page renders the first one, the client makes the next. */
export const SANDBOX_FRAME_ATTRIBUTES = {
  sandbox: 'allow-scripts',
  title: 'Playground sandbox (runs your code)',
  hidden: true,
  tabindex: '-1',
  'aria-hidden': 'true',
} as const;

/** The global the page's early listener fills with the windows of sandboxes that said "ready". */
export const READY_SANDBOXES_GLOBAL = '__adapterLabReadySandboxes';

/**
 * An inline script the page runs before its sandbox iframe: it notes the sandbox's "ready"
 * message, which may come long before the page's module script (and its listener) runs. So the
 * sandbox boots while the page is still being laid out, off the runtime's critical path.
 */
export const EARLY_READY_LISTENER = `(function(){var ready=window.${READY_SANDBOXES_GLOBAL}=[];addEventListener('message',function(e){if(e.data&&e.data.type==='${HANDSHAKE.sandboxReady}')ready.push(e.source)})})()`;
