/**
 * The global the Auth.js runtime's script (auth-runtime.chunk.ts) leaves its `AuthRuntime` in:
 * the worker evaluates that classic script and reads it from here (auth-loader.ts).
 */
export const AUTH_RUNTIME_GLOBAL = '__adapterLabAuthRuntime__';
