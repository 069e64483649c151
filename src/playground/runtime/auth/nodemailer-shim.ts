/**
 * `nodemailer` in the playground, which has no SMTP: @auth/core's Nodemailer provider (served
 * unmodified) sends its magic link through `createTransport(server).sendMail(message)`. The
 * link itself reaches the inbox before (auth-app.ts wraps every e-mail provider's
 * sendVerificationRequest), so the transport only accepts the message, as a server would.
 */
interface MailMessage {
  readonly to?: string | readonly string[];
}

export function createTransport(
  _server?: unknown,
  _defaults?: unknown,
): { sendMail(message: MailMessage): Promise<{ accepted: string[]; rejected: string[]; pending: string[]; messageId: string }> } {
  return {
    async sendMail(message) {
      const to = message.to === undefined ? [] : typeof message.to === 'string' ? [message.to] : [...message.to];
      return { accepted: to, rejected: [], pending: [], messageId: `<${crypto.randomUUID()}@playground>` };
    },
  };
}

export default { createTransport };
