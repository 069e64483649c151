// The custom User entity of the official Auth.js docs, its bugs fixed (each marked "fix:"): one
// file, shown by the playground's mikro-orm-custom-user example and the docs' custom-entities
// page, and compiled, type-checked and run by the tests here.
import { fileURLToPath } from 'node:url';

export const CUSTOM_USER_ENTITY = fileURLToPath(new URL('../../../src/playground/examples/mikro-orm-custom-user/entities.ts', import.meta.url));
