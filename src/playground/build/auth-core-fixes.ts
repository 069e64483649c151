/**
 * One fix to @auth/core 0.41 as it runs in the playground. Its configuration check
 * (lib/utils/assert.js) keeps "has an e-mail / credentials / WebAuthn provider" in module
 * variables that it sets and never clears: harmless in an app, whose configuration never
 * changes, but in the playground each run configures Auth.js anew in the same worker, and after
 * one run with an e-mail provider every configuration without an adapter failed with
 * "MissingAdapter: Email login requires an adapter". The transform clears them at the start of
 * each check. The build fails if the code it fixes changes (a new @auth/core: look again).
 */
import type { Plugin } from 'vite';

const FILE = /[\\/]@auth[\\/]core[\\/]lib[\\/]utils[\\/]assert\.js$/;
const START = 'export function assertConfig(request, options) {';

export function authCoreFixes(): Plugin {
  return {
    name: 'adapter-lab:auth-core-fixes',
    enforce: 'pre',
    transform(code, id) {
      if (!FILE.test(id.split('?')[0]!)) return undefined;
      if (!code.includes(START) || !/^let hasEmail = false;$/m.test(code)) {
        throw new Error(
          `${id}: @auth/core's assertConfig changed; check whether the playground's fix (src/playground/build/auth-core-fixes.ts) is still needed.`,
        );
      }
      return { code: code.replace(START, `${START}\n    hasCredentials = false;\n    hasEmail = false;\n    hasWebAuthn = false;`), map: null };
    },
  };
}
