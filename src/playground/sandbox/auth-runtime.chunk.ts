/**
 * The Auth.js runtime as a classic script of its own (built like the workers, `?worker&url`, see
 * runtime-client.ts): @auth/core, jose, oauth4webapi and preact live here, never in the ORM
 * workers. The page downloads it the first time a worker asks (`load-auth`); the worker
 * evaluates it and takes the runtime from the global.
 */
import { authRuntime } from '../runtime/auth/auth-runtime.ts';
import { AUTH_RUNTIME_GLOBAL } from './auth-runtime-global.ts';

(globalThis as Record<string, unknown>)[AUTH_RUNTIME_GLOBAL] = authRuntime;
