/**
 * The Auth.js runtime: everything that imports @auth/core. The session loads it on demand
 * (auth/world.ts): the browser build makes it a script of its own, which the page downloads
 * the first time the reader's code imports Auth.js or a flow is asked for.
 */
import type { AuthHost, AuthRuntime, AuthWorld } from './world.ts';
import { PlaygroundAuthWorld } from './auth-world.ts';

export const authRuntime: AuthRuntime = {
  createAuthWorld(host: AuthHost): AuthWorld {
    return new PlaygroundAuthWorld(host);
  },
};
