/**
 * What the builds (Vite's for the browser, vitest's for Node) need for the playground's Auth.js
 * runtime (runtime/auth/). The engine knows nothing of Auth.js: astro.config.mjs hands these to
 * browserEngineVite(), vitest.config.ts uses them as they are.
 */
import { fileURLToPath } from 'node:url';
import { AUTH_PROVIDER_NAMES } from '../module-names.ts';

/**
 * `nodemailer` is not installed (the playground's inbox stands in for it), but @auth/core's
 * Nodemailer provider imports `createTransport` from it: the bare specifier is our shim.
 */
export const AUTH_ALIASES: Readonly<Record<string, string>> = {
  nodemailer: fileURLToPath(new URL('../runtime/auth/nodemailer-shim.ts', import.meta.url)),
};

/**
 * Auth.js's entries the runtime imports, pre-bundled by `astro dev` from the start: the dev
 * scanner does not look inside workers, and a dependency first met at run time makes Vite
 * optimise again and reload the page.
 */
export const AUTH_PREBUNDLED: readonly string[] = [
  '@auth/core',
  '@auth/core/errors',
  '@auth/core/jwt',
  ...AUTH_PROVIDER_NAMES.map((provider) => `@auth/core/providers/${provider}`),
];
