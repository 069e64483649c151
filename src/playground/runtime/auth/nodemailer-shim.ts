/**
 * Placeholder (branch wip/chunk) until the lead's shim lands: @auth/core's Nodemailer provider
 * imports `createTransport` from `nodemailer`, which is not installed; the builds alias the bare
 * specifier here (src/playground/build/auth-build.ts).
 */
export function createTransport(): never {
  throw new Error('nodemailer is not available in the playground yet.');
}
