/**
 * What the builds (Vite's for the browser, vitest's for Node) need for the playground's Auth.js
 * runtime (runtime/auth/). The engine knows nothing of Auth.js: astro.config.mjs hands
 * AUTH_BROWSER_BUILD to browserEngineVite(), vitest.config.ts uses the alias (and the fix) itself.
 */
import { fileURLToPath } from 'node:url';
import type { BrowserEngineExtras } from '../../engine/vite-browser-engine.ts';
import { AUTH_PROVIDER_NAMES } from '../module-names.ts';
import { authCoreFixes } from './auth-core-fixes.ts';

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
  // The WebCrypto subset's (runtime/auth/web-crypto*.ts).
  '@noble/ciphers/aes.js',
  '@noble/hashes/hkdf.js',
  '@noble/hashes/hmac.js',
  '@noble/hashes/legacy.js',
];

/** All of it for browserEngineVite(): with @auth/core's fix (auth-core-fixes.ts), in the Auth.js script as in Node. */
export const AUTH_BROWSER_BUILD: BrowserEngineExtras = {
  aliases: AUTH_ALIASES,
  prebundle: AUTH_PREBUNDLED,
  plugins: () => [authCoreFixes()],
};
