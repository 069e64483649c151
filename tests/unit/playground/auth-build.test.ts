// The playground's Auth.js runtime in Node: @auth/core's e-mail providers import `nodemailer`,
// which is not installed; vitest's config serves the playground's shim for it, as the browser
// build does (src/playground/build/auth-build.ts).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { AUTH_ALIASES } from '../../../src/playground/build/auth-build.ts';
import * as shim from '../../../src/playground/runtime/auth/nodemailer-shim.ts';

describe('nodemailer in Node tests', () => {
  it("is not installed, and @auth/core's Nodemailer and Email providers load over the shim", async () => {
    expect(() => createRequire(import.meta.url).resolve('nodemailer')).toThrow(/Cannot find module/);
    const { default: Nodemailer } = await import('@auth/core/providers/nodemailer');
    const { default: Email } = await import('@auth/core/providers/email');
    expect(Nodemailer({ server: 'smtp://localhost' }).id).toBe('nodemailer');
    expect(Email({ server: 'smtp://localhost' }).id).toBe('email');
    expect(AUTH_ALIASES['nodemailer']).toMatch(/nodemailer-shim\.ts$/);
    expect(typeof shim.createTransport).toBe('function');
  });
});
