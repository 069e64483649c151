import type { AuthRuntimeLoader } from './world.ts';

/** Auth.js for sessions in Node (tests, the docs' example runner): a dynamic import of the runtime's module. */
export const loadAuthInNode: AuthRuntimeLoader = async () => (await import('./auth-runtime.ts')).authRuntime;
