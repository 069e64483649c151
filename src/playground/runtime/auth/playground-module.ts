import type { BrowserId, MailInfo } from '../../protocol.ts';
import { namespace } from '../env/environment.ts';
import type { Flows } from './flows.ts';
import type { OAuthProviderServer } from './oauth-provider-server.ts';
import type { PageVisit, PlaygroundBrowser, PlaygroundMail, PlaygroundModule } from './playground-api.ts';
import { APP_ORIGIN, type SimulatedBrowser } from './simulated-browser.ts';
import type { SimulatedClock } from './simulated-clock.ts';

interface Context {
  readonly flows: Flows;
  browsers(): Record<BrowserId, SimulatedBrowser>;
  inbox(): readonly MailInfo[];
  readonly clock: SimulatedClock;
  readonly provider: OAuthProviderServer;
  open(browser: SimulatedBrowser, url: string): Promise<PageVisit>;
}

/**
 * `@adapter-lab/playground` for the reader's run.ts: the simulated browsers, inbox, clock and
 * provider, so that examples and share links script Auth.js's flows and assert on them.
 * Each call goes through the same flows as the Auth.js tab's buttons.
 */
export function playgroundModule(context: Context): Readonly<Record<string, unknown>> {
  const handle = (id: BrowserId): PlaygroundBrowser => {
    const browser = (): SimulatedBrowser => context.browsers()[id];
    return {
      get label() {
        return browser().label;
      },
      signIn: (provider, options) => context.flows.signIn(browser(), provider, options),
      signOut: () => context.flows.signOut(browser()),
      session: () => context.flows.session(browser()),
      open: (url) => context.open(browser(), new URL(url, APP_ORIGIN).href),
      fetch: (path, init) =>
        browser().request(new URL(path, APP_ORIGIN).href, {
          method: init?.method ?? 'GET',
          headers: Object.fromEntries(new Headers(init?.headers).entries()),
          ...(typeof init?.body === 'string' || init?.body instanceof URLSearchParams ? { body: init.body } : {}),
        }),
      cookies: () => browser().jar.entries(),
    };
  };
  const toMail = (mail: MailInfo): PlaygroundMail => ({
    to: mail.to,
    subject: mail.subject,
    url: mail.url,
    provider: mail.provider,
    sent: new Date(mail.sent),
  });
  const api: PlaygroundModule = {
    browser: handle('main'),
    otherDevice: handle('other'),
    inbox: {
      get messages() {
        return context.inbox().map(toMail);
      },
      latest: (to) => {
        const mail = context.inbox().findLast((candidate) => to === undefined || candidate.to.toLowerCase() === to.toLowerCase());
        return mail ? toMail(mail) : undefined;
      },
    },
    clock: { advance: (by) => context.clock.advance(by), now: () => new Date(context.clock.now()) },
    provider: {
      get profile() {
        return context.provider.profile;
      },
      set profile(profile: Record<string, unknown>) {
        context.provider.profile = { ...profile };
      },
    },
  };
  return namespace({ ...api });
}
