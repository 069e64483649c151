import type { BrowserCookie, CookieChange } from '../../protocol.ts';
import { HTTP_TEXT_LIMIT } from '../../output-limits.ts';

interface StoredCookie {
  readonly value: string;
  /** Epoch ms; undefined for a session cookie. */
  readonly expires: number | undefined;
}

/** A value cut for display: its first characters and its full length. */
export function shorten(text: string, limit = HTTP_TEXT_LIMIT): { value: string; valueLength?: number } {
  return text.length > limit ? { value: text.slice(0, limit), valueLength: text.length } : { value: text };
}

/**
 * One browser's cookies for the app's origin. Auth.js's cookies are host-only with Path=/, so
 * names are enough; expiry is judged by the simulated clock.
 */
export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** The Cookie header for a request, and the names it carries; `replayExpired` sends expired cookies too. */
  header(replayExpired = false): { header: string; names: string[] } {
    const live = [...this.#cookies].filter(([, cookie]) => replayExpired || cookie.expires === undefined || cookie.expires > this.#now());
    return { header: live.map(([name, cookie]) => `${name}=${cookie.value}`).join('; '), names: live.map(([name]) => name) };
  }

  /** Applies the Set-Cookie headers of a response; returns what changed, for the exchange record. */
  apply(setCookies: readonly string[]): CookieChange[] {
    return setCookies.map((line) => {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let expires: number | undefined;
      for (const attribute of attributes) {
        const [key = '', raw = ''] = attribute.split('=').map((part) => part.trim());
        if (key.toLowerCase() === 'max-age') expires = this.#now() + Number(raw) * 1000;
        else if (key.toLowerCase() === 'expires' && expires === undefined) expires = Date.parse(raw);
      }
      const cleared = expires !== undefined && expires <= this.#now();
      if (cleared) this.#cookies.delete(name);
      else this.#cookies.set(name, { value, expires });
      return { name, ...shorten(value, 120), attributes: attributes.map((part) => part.trim()).join('; '), cleared };
    });
  }

  get(name: string): string | undefined {
    const cookie = this.#cookies.get(name);
    return cookie && (cookie.expires === undefined || cookie.expires > this.#now()) ? cookie.value : undefined;
  }

  /** Every live cookie by name. */
  entries(): Record<string, string> {
    return Object.fromEntries([...this.#cookies].filter(([name]) => this.get(name) !== undefined).map(([name, cookie]) => [name, cookie.value]));
  }

  /** For AuthInfo: names, shortened values, expiry. */
  view(): BrowserCookie[] {
    return Object.entries(this.entries()).map(([name, value]) => {
      const expires = this.#cookies.get(name)?.expires;
      return { name, ...shorten(value, 120), ...(expires !== undefined ? { expires: new Date(expires).toISOString() } : {}) };
    });
  }
}
