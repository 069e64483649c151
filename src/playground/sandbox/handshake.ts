/**
 * The page's half of the handshake that starts a runtime in the sandbox iframe (protocol.ts,
 * HANDSHAKE): written once, run by the page's inline script (early-boot.ts, before the page's
 * module has loaded) and by RuntimeClient (every other start).
 *
 * Self-contained — nothing from outside its body, the message names passed in — because the
 * inline script runs this very function, serialised into the page (index.astro).
 */
import type { HandshakeNames, RuntimeInit, SandboxStart } from '../protocol.ts';

export interface SandboxStartOptions {
  readonly names: HandshakeNames;
  /** The global the page's early listener fills with the sandboxes that said they are up (sandbox-frame.ts). */
  readonly readyGlobal: string;
  /** The worker's script. */
  readonly worker: Promise<Blob>;
  /** The runtime's first message, and what it moves rather than copies. */
  readonly init: Promise<readonly [message: RuntimeInit, transfer: Transferable[]]>;
  /** Notes each step's moment (the page's performance marks); the inline script notes none. */
  readonly mark?: (step: 'sandbox-ready' | 'worker-source' | 'init-ready') => void;
}

/**
 * Starts a runtime worker in `frame` (added to the page when it is not in it) and sends it
 * `init`: resolves with the page's end of its channel, where `ready` or `fatal` arrives (a port
 * keeps its messages until the page listens). Fails when the sandbox does not say it is up.
 */
export async function startInSandbox(frame: HTMLIFrameElement, options: SandboxStartOptions): Promise<MessagePort> {
  const { names } = options;
  await new Promise<void>((resolve, reject) => {
    const early = (window as unknown as Record<string, unknown[] | undefined>)[options.readyGlobal];
    if (frame.isConnected && early?.includes(frame.contentWindow)) {
      resolve();
      return;
    }
    const timer = setTimeout(() => reject(new Error('The playground sandbox did not start.')), 10_000);
    const onMessage = (event: MessageEvent<{ type?: unknown } | null>): void => {
      if (event.source !== frame.contentWindow || event.data?.type !== names.sandboxReady) return;
      removeEventListener('message', onMessage);
      clearTimeout(timer);
      resolve();
    };
    addEventListener('message', onMessage);
    if (!frame.isConnected) document.body.append(frame);
  });
  options.mark?.('sandbox-ready');
  // A Blob, not text: posting it to the sandbox shares the bytes (no 1 MB string decoded, copied
  // and encoded again on the main thread).
  const source = await options.worker;
  options.mark?.('worker-source');
  const channel = new MessageChannel();
  const start: SandboxStart = { type: names.start, source, port: channel.port2 };
  frame.contentWindow?.postMessage(start, '*', [channel.port2]);
  const [init, transfer] = await options.init;
  options.mark?.('init-ready');
  channel.port1.postMessage(init, transfer);
  return channel.port1;
}
