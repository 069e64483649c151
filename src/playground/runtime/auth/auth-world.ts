import type { AuthInfo, BrowserId, FlowRequest, MailInfo } from '../../protocol.ts';
import type { ProvidedModule } from '../module-graph.ts';
import { PlaygroundError } from '../run-error.ts';
import { AuthApp, type AppConfig, type SentLink } from './auth-app.ts';
import { frameworkModules } from './framework-modules.ts';
import { Flows } from './flows.ts';
import { OAuthProviderServer } from './oauth-provider-server.ts';
import { playgroundModule } from './playground-module.ts';
import { SimulatedBrowser } from './simulated-browser.ts';
import { SimulatedClock } from './simulated-clock.ts';
import { SimulatedNetwork } from './simulated-network.ts';
import { installOpenFetchClasses } from './open-headers.ts';
import { installWebCrypto } from './web-crypto.ts';
import type { AuthHost, AuthWorld } from './world.ts';

const BROWSER_LABELS: Readonly<Record<BrowserId, string>> = { main: 'This browser', other: 'Another device' };

/**
 * The simulated world around the reader's Auth.js app: two browsers, a GitHub-shaped provider,
 * a mail inbox and a clock — all inside the worker. One per session; each run starts it afresh.
 */
export class PlaygroundAuthWorld implements AuthWorld {
  readonly modules: ReadonlyMap<string, ProvidedModule>;
  readonly #host: AuthHost;
  readonly #clock = new SimulatedClock();
  readonly #provider = new OAuthProviderServer();
  readonly #network: SimulatedNetwork;
  readonly #app: AuthApp;
  readonly #flows: Flows;
  #browsers!: Record<BrowserId, SimulatedBrowser>;
  #inbox: MailInfo[] = [];
  #overrides: Readonly<Record<string, unknown>> = {};
  #linkCount = 0;

  constructor(host: AuthHost) {
    this.#host = host;
    this.#network = new SimulatedNetwork(this.#provider, (exchange) => host.http(exchange));
    this.#app = new AuthApp(host, (link) => this.#deliver(link));
    this.#flows = new Flows({
      app: () => {
        if (!this.#app.exists()) {
          return Promise.reject(
            new PlaygroundError(
              'There is no Auth.js app to sign in to: import the file that configures Auth.js (e.g. `import "./auth"`) before using `browser`, or create an adapter.',
              { name: 'NoAuthApp' },
            ),
          );
        }
        return this.#app.resolve();
      },
      overrideProfile: (profile) => {
        this.#overrides = profile;
      },
      latestMail: (to) => this.#inbox.findLast((mail) => to === undefined || mail.to.toLowerCase() === to),
      defaultEmail: () => String(this.#provider.profile['email'] ?? 'reader@example.com'),
    });
    this.reset();
    this.modules = new Map([
      ...frameworkModules({ app: this.#app, flows: this.#flows, browser: () => this.#browsers.main }),
      [
        '@adapter-lab/playground',
        {
          namespace: playgroundModule({
            flows: this.#flows,
            browsers: () => this.#browsers,
            inbox: () => this.#inbox,
            clock: this.#clock,
            provider: this.#provider,
            open: (browser, url) => this.#open(browser, url),
          }),
        },
      ],
    ]);
  }

  reset(): void {
    this.#app.reset();
    this.#clock.reset();
    this.#provider.reset();
    this.#inbox = [];
    this.#overrides = {};
    this.#linkCount = 0;
    const routes = {
      auth: (request: Request) => this.#handle(request),
      provider: (url: URL) => {
        if (!this.#provider.handles(url)) return undefined;
        const overrides = this.#overrides;
        this.#overrides = {};
        return this.#provider.authorize(url, overrides);
      },
    };
    const record = (exchange: Parameters<AuthHost['http']>[0]): void => this.#host.http(exchange);
    this.#browsers = {
      main: new SimulatedBrowser('main', BROWSER_LABELS.main, () => this.#clock.now(), routes, record),
      other: new SimulatedBrowser('other', BROWSER_LABELS.other, () => this.#clock.now(), routes, record),
    };
  }

  install(): () => void {
    const undo = [installWebCrypto(globalThis), installOpenFetchClasses(globalThis), this.#network.install(globalThis), this.#clock.install(globalThis)];
    return () => {
      for (const step of undo.reverse()) step();
    };
  }

  async afterRun(adapterCalls: number): Promise<void> {
    if (!this.#app.registered()) return;
    // Resolved now, so that the Auth.js tab shows the providers (and a configuration that throws fails the run).
    const app = await this.#app.resolve();
    if (adapterCalls > 0 || !app.config.adapter || app.strategy !== 'database') return;
    // A returning visitor with a session cookie Auth.js does not know: it asks the adapter
    // (getSessionAndUser), which creates the tables on first use as in the reader's app.
    const browser = this.#browsers.main;
    const cookie = Object.keys(browser.jar.entries()).length === 0 ? 'authjs.session-token' : undefined;
    if (cookie) browser.jar.apply([`${cookie}=a-session-from-before; Path=/; HttpOnly; SameSite=Lax`]);
    this.#host.notice(
      "Your code configured Auth.js: the playground sent the first request of a returning visitor (GET session with an old session cookie), so the adapter created its tables as on your app's first use. The Auth.js tab signs users in.",
    );
    await this.#flows.session(browser);
  }

  async flow(request: FlowRequest): Promise<string> {
    const browser = this.#browsers[request.browser];
    const where = browser.label.toLowerCase();
    if (!this.#app.exists())
      throw new PlaygroundError(
        'There is no Auth.js app yet: run code that configures Auth.js (NextAuth({ adapter, providers })) or creates an adapter first.',
        { name: 'NoAuthApp' },
      );
    this.#app.takeErrors();
    let summary: string;
    switch (request.flow) {
      case 'oauth-sign-in':
      case 'link-account': {
        if (request.flow === 'link-account' && !browser.signedInAs)
          throw new PlaygroundError(`Nobody is signed in in ${where}: sign in first, then link another account.`, { name: 'FlowError' });
        const profile = request.flow === 'link-account' ? this.#anotherAccount(request.profile) : (request.profile ?? {});
        if (request.profile && request.flow === 'oauth-sign-in') this.#provider.profile = { ...request.profile };
        const visit = await this.#flows.signIn(browser, request.provider, { profile: request.flow === 'link-account' ? profile : {} });
        summary = this.#signedIn(browser, visit.error);
        break;
      }
      case 'email-sign-in': {
        const visit = await this.#flows.signIn(browser, request.provider ?? (await this.#firstOf('email')), {
          ...(request.email ? { email: request.email } : {}),
          openLink: false,
        });
        summary = visit.error
          ? `Auth.js refused to send the link: ${visit.error}.`
          : `Auth.js sent a magic link to ${this.#inbox.at(-1)?.to ?? 'the address'}: it is in the inbox.`;
        break;
      }
      case 'open-email-link': {
        const mail = request.mail === undefined ? this.#inbox.at(-1) : this.#inbox.find((candidate) => candidate.id === request.mail);
        if (!mail) throw new PlaygroundError('The inbox is empty: send a magic link first.', { name: 'FlowError' });
        const visit = await this.#open(browser, mail.url);
        await this.#flows.session(browser);
        summary = this.#signedIn(browser, visit.error);
        break;
      }
      case 'credentials-sign-in': {
        const visit = await this.#flows.signIn(browser, request.provider ?? (await this.#firstOf('credentials')), { credentials: request.credentials ?? {} });
        summary = this.#signedIn(browser, visit.error);
        break;
      }
      case 'sign-out':
        await this.#flows.signOut(browser);
        summary = `${browser.label} signed out.`;
        break;
      case 'refresh-session':
      case 'expire-session': {
        const app = await this.#app.resolve();
        const seconds = request.flow === 'refresh-session' ? app.updateAge : app.maxAge;
        this.#clock.advance((seconds + 1) * 1000);
        // The session cookie expires with the session, so a browser stops sending it; Auth.js
        // deletes an expired session when a client still presents it (its clock behind the server's).
        const expiring = request.flow === 'expire-session';
        const session = await this.#flows.session(browser, expiring);
        summary = `The clock moved ${formatSeconds(seconds + 1)} ahead (${expiring ? 'past maxAge; the browser presented its expired cookie anyway' : 'past updateAge'}); ${session ? `${browser.label} is still signed in as ${browser.signedInAs}, until ${session.expires}` : `${where} is signed out`}.`;
        break;
      }
      case 'session': {
        const session = await this.#flows.session(browser);
        summary = session ? `${browser.label} is signed in as ${browser.signedInAs} until ${session.expires}.` : `Nobody is signed in in ${where}.`;
        break;
      }
      case 'delete-user': {
        const adapter = this.#host.currentAdapter()?.adapter ?? (await this.#app.resolve()).config.adapter;
        if (!adapter?.deleteUser) throw new PlaygroundError('The adapter has no deleteUser method.', { name: 'FlowError' });
        const userId = await this.#flows.signedInUserId(browser, async (token) => (await adapter.getSessionAndUser?.(token))?.user.id);
        await this.#host.asFlow(async () => adapter.deleteUser!(userId));
        await this.#flows.session(browser);
        summary = `User ${userId} was deleted with adapter.deleteUser (as an app's "delete my account" does), with its accounts and sessions.`;
        break;
      }
    }
    const [error] = this.#app.takeErrors();
    if (error) {
      // Auth.js's errors carry their name as `type` (class names do not survive minification).
      const name = (error as { type?: unknown }).type;
      const code = typeof name === 'string' ? name : error.name;
      throw new PlaygroundError(`${summary} Auth.js reported ${code}: ${error.message}`, {
        name: code,
        cause: (error.cause as { err?: unknown } | undefined)?.err ?? error,
      });
    }
    return summary;
  }

  info(): AuthInfo | null {
    if (!this.#app.exists()) return null;
    const app: AppConfig | undefined = this.#app.last();
    return {
      description: this.#app.description(),
      basePath: app?.basePath ?? '/api/auth',
      sessionStrategy: app?.strategy ?? 'database',
      maxAge: app?.maxAge ?? 30 * 24 * 60 * 60,
      updateAge: app?.updateAge ?? 24 * 60 * 60,
      providers: app?.providers ?? [],
      browsers: [this.#browsers.main.info(), this.#browsers.other.info()],
      inbox: this.#inbox.map((mail) => ({ ...mail })),
      profile: { ...this.#provider.profile },
      clockOffsetMs: this.#clock.offsetMs,
    };
  }

  async #handle(request: Request): Promise<Response | undefined> {
    const app = await this.#app.resolve(request);
    return this.#app.handle(request, app);
  }

  async #open(browser: SimulatedBrowser, url: string) {
    const mail = this.#inbox.find((candidate) => candidate.url === url);
    if (mail) this.#inbox = this.#inbox.map((candidate) => (candidate === mail ? { ...candidate, opened: candidate.opened + 1 } : candidate));
    return browser.visit(url);
  }

  #deliver(link: SentLink): void {
    this.#inbox.push({
      id: this.#inbox.length + 1,
      to: link.to,
      subject: link.subject,
      url: link.url,
      provider: link.provider,
      sent: new Date(this.#clock.now()).toISOString(),
      opened: 0,
    });
  }

  async #firstOf(type: 'email' | 'credentials'): Promise<string> {
    const app = await this.#app.resolve();
    const provider = app.providers.find((candidate) => candidate.type === type);
    if (!provider) throw new PlaygroundError(`The configuration has no ${type === 'email' ? 'e-mail' : 'Credentials'} provider.`, { name: 'FlowError' });
    return provider.id;
  }

  /** Another account of the provider: a new id and login, unless the reader's profile says otherwise. */
  #anotherAccount(profile: Readonly<Record<string, unknown>> | undefined): Readonly<Record<string, unknown>> {
    this.#linkCount++;
    const base = { ...this.#provider.profile, ...profile };
    return {
      ...base,
      id: Number(base['id'] ?? 0) + 1000 * this.#linkCount,
      login: `${String(base['login'] ?? 'user')}-${this.#linkCount + 1}`,
      email: `second-${this.#linkCount}+${String(base['email'] ?? 'user@example.com')}`,
    };
  }

  #signedIn(browser: SimulatedBrowser, error: string | undefined): string {
    if (error) return `${browser.label} landed on Auth.js's error page: ${error}.`;
    return browser.signedInAs ? `${browser.label} is signed in as ${browser.signedInAs}.` : `${browser.label} is not signed in.`;
  }
}

function formatSeconds(seconds: number): string {
  if (seconds >= 86_400) return `${Math.round(seconds / 86_400)} days`;
  if (seconds >= 3_600) return `${Math.round(seconds / 3_600)} hours`;
  return `${seconds} s`;
}
