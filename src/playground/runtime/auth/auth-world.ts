import type { AuthInfo, FlowRequest } from '../../protocol.ts';
import type { ProvidedModule } from '../module-graph.ts';
import type { AuthHost, AuthWorld } from './world.ts';

// Placeholder while the world is written (branch auth): replaced by the simulated browsers, provider and inbox.
export class PlaygroundAuthWorld implements AuthWorld {
  readonly modules: ReadonlyMap<string, ProvidedModule> = new Map();
  readonly host: AuthHost;
  constructor(host: AuthHost) {
    this.host = host;
  }
  reset(): void {}
  install(): () => void {
    return () => {};
  }
  async afterRun(): Promise<void> {}
  async flow(request: FlowRequest): Promise<string> {
    throw new Error(`not yet: ${request.flow}`);
  }
  info(): AuthInfo | null {
    return null;
  }
}
