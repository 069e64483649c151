/**
 * `@adapter-lab/playground`: what the reader's `run.ts` scripts Auth.js flows with. The editor's
 * type bundle declares these types for the module; auth/playground-module.ts implements them.
 * Plain types only (no imports of @auth/core at run time).
 */
import type { Session } from '@auth/core/types';

/** Where a browser ended up after following every redirect. */
export interface PageVisit {
  /** The final URL (after redirects). */
  readonly url: string;
  /** Its HTTP status. */
  readonly status: number;
  /** The Auth.js error code when the browser landed on Auth.js's error page or an `?error=` URL (e.g. "Verification", "OAuthAccountNotLinked"). */
  readonly error?: string;
}

export interface SignInOptions {
  /** E-mail providers: where to send the link (default: the simulated profile's e-mail). */
  readonly email?: string;
  /** E-mail providers: open the link at once (default true); false leaves it in the inbox. */
  readonly openLink?: boolean;
  /** OAuth providers: fields merged into the simulated provider's profile for this sign-in (e.g. `{ id: 2, email: "b@example.com" }`). */
  readonly profile?: Readonly<Record<string, unknown>>;
  /** Credentials provider: the form's fields. */
  readonly credentials?: Readonly<Record<string, string>>;
  /** Where Auth.js sends the browser after signing in (default `/`). */
  readonly callbackUrl?: string;
}

/** A browser the playground simulates: it keeps its cookies and follows redirects, like the reader's. */
export interface PlaygroundBrowser {
  readonly label: string;
  /** Signs in with a provider by its id (`"github"`, `"nodemailer"`, `"credentials"`, …), through Auth.js's own routes. */
  signIn(provider: string, options?: SignInOptions): Promise<PageVisit>;
  /** Signs out through Auth.js's sign-out route (with its CSRF token). */
  signOut(): Promise<PageVisit>;
  /** What Auth.js's session route answers for this browser (what `auth()` and `useSession()` read), or null. */
  session(): Promise<Session | null>;
  /** Opens a URL (a magic link, a page of the app) and follows its redirects. */
  open(url: string): Promise<PageVisit>;
  /** One request to the app with this browser's cookies; redirects are not followed. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The cookies this browser holds now, by name. */
  cookies(): Record<string, string>;
}

/** A message the simulated mail service received. */
export interface PlaygroundMail {
  readonly to: string;
  readonly subject: string;
  /** The sign-in link. */
  readonly url: string;
  readonly provider: string;
  readonly sent: Date;
}

export interface PlaygroundInbox {
  /** Every message since the run started, oldest first. */
  readonly messages: readonly PlaygroundMail[];
  /** The newest message (to `to`, when given). */
  latest(to?: string): PlaygroundMail | undefined;
}

/** The simulated clock Auth.js and the ORMs read (`Date`): moving it lets sessions age. */
export interface PlaygroundClock {
  /** Moves time forward: milliseconds, or a duration such as "31d", "2h", "90s". */
  advance(by: number | string): void;
  now(): Date;
}

/** The simulated OAuth provider (GitHub-shaped for `github`, OpenID claims for `google`). */
export interface PlaygroundProvider {
  /** The profile the provider returns at the next sign-in; assign fields to change it. */
  profile: Record<string, unknown>;
}

export interface PlaygroundModule {
  /** The reader's browser. */
  readonly browser: PlaygroundBrowser;
  /** Another device: its own cookies, the same app. */
  readonly otherDevice: PlaygroundBrowser;
  readonly inbox: PlaygroundInbox;
  readonly clock: PlaygroundClock;
  readonly provider: PlaygroundProvider;
}
