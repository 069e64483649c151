import { FLOW_LIST } from '../flow-list.ts';
import { PAGE_COOKIE_LIMIT, PAGE_TEXT_LIMIT, shortenText } from '../output-limits.ts';
import type { AdapterInfo, AuthInfo, BrowserId, BrowserInfo, FlowId, FlowRequest, Outcome, ProviderInfo } from '../protocol.ts';
import { el, plural } from '../ui/dom.ts';
import {
  approximateDuration,
  authErrorOf,
  BROWSER_LABELS,
  expiryText,
  isOAuth,
  providersOf,
  sessionText,
  shortValue,
  valueLengthText,
} from './auth-view-model.ts';
import type { LocationActions } from './error-view.ts';
import { type AuthErrorInfo, type LastAction, lastActionBody } from './last-action-view.ts';
import { InboxView } from './inbox-view.ts';
import { ProfileEditor } from './profile-editor.ts';

export interface AuthPanelActions {
  flow(request: FlowRequest): void;
  /** Shows another results tab (the Tables or SQL of the last action). */
  showPanel(id: 'tables' | 'sql' | 'console'): void;
}

/** The flows of the "Session" row, in the order a reader tries them, with their labels here. */
const SESSION_FLOWS: ReadonlyArray<{ readonly flow: FlowId; readonly label: string }> = [
  { flow: 'session', label: 'Get the session' },
  { flow: 'sign-out', label: 'Sign out' },
  { flow: 'link-account', label: 'Link another OAuth account' },
  { flow: 'refresh-session', label: 'Refresh the session (after updateAge)' },
  { flow: 'expire-session', label: 'Let the session expire (after maxAge)' },
  { flow: 'delete-user', label: 'Delete the user' },
];

const DEFAULT_EMAIL = 'ada@example.com';

interface ProviderControls {
  readonly element: HTMLElement;
  readonly email?: HTMLInputElement;
  readonly fields?: ReadonlyMap<string, HTMLInputElement>;
}

/**
 * The Auth.js panel: the app the reader's code configured (or the one the playground runs
 * around their adapter), two simulated browsers with their cookies and who is signed in there,
 * a button for each flow the configuration allows, the inbox of magic links, the OAuth
 * provider's profile — and, after each flow (or a run that scripted flows), its HTTP exchange
 * beside the adapter calls it caused.
 *
 * Buttons are never `disabled` while a request runs, only `aria-disabled` (and ignore presses):
 * a disabled button loses the keyboard focus, and a reader pressing buttons in turn would be
 * thrown back to the top of the page after each. Controls are updated in place for the same
 * reason: the outcome of a press must not replace the button that was pressed.
 */
export class AuthPanel {
  readonly element: HTMLElement;
  readonly #actions: AuthPanelActions;
  readonly #locations: LocationActions;
  readonly #app = el('p', { class: 'pg-panel-note', 'data-auth-app': '' });
  readonly #facts = el('ul', { class: 'pg-auth-facts' });
  readonly #body = el('div', { class: 'pg-auth-layout' });
  // Not a live region: it is redrawn after every run too; the last action's summary is the one announced.
  readonly #browserState = el('div', { class: 'pg-auth-browser-state' });
  readonly #browserRadios = new Map<BrowserId, HTMLInputElement>();
  readonly #signIn = el('div', { class: 'pg-auth-sign-in' });
  readonly #addedNote = el('p', { class: 'pg-meta' });
  readonly #inbox: InboxView;
  readonly #inboxSection: HTMLElement;
  readonly #profile = new ProfileEditor();
  readonly #sessionButtons = new Map<FlowId, HTMLButtonElement>();
  readonly #last = el('section', { class: 'pg-auth-last', 'aria-labelledby': 'pg-auth-last-title' });
  readonly #lastTitle = el('h3', { id: 'pg-auth-last-title' }, 'Last action');
  readonly #lastSummary = el('p', { class: 'pg-auth-summary', 'aria-live': 'polite' });
  readonly #lastBody = el('div', { class: 'pg-auth-last-body' });
  #visible = false;
  /** The last action whose body is not drawn yet (the panel was hidden when it came). */
  #unshownLast: { readonly last: LastAction; readonly authError: AuthErrorInfo } | null = null;
  #providers: readonly ProviderInfo[] = [];
  #providerSignature = '';
  #providerControls = new Map<string, ProviderControls>();
  #auth: AuthInfo | null = null;
  #browser: BrowserId = 'main';
  #busy = false;

  constructor(actions: AuthPanelActions, locations: LocationActions) {
    this.#actions = actions;
    this.#locations = locations;
    this.#inbox = new InboxView((mail) => this.#flow({ flow: 'open-email-link', mail: mail.id }));
    this.#inboxSection = el(
      'section',
      { class: 'pg-auth-inbox', 'aria-labelledby': 'pg-auth-inbox-title' },
      el('h4', { id: 'pg-auth-inbox-title' }, 'Inbox'),
      this.#inbox.element,
    );

    const browserSwitch = el('fieldset', { class: 'pg-segmented pg-auth-browser' }, el('legend', { class: 'sr-only' }, 'The browser flows use'));
    for (const id of ['main', 'other'] as const) {
      const radio = el('input', { type: 'radio', name: 'pg-auth-browser', value: id, ...(id === 'main' ? { checked: '' } : {}) });
      radio.addEventListener('change', () => {
        if (!radio.checked) return;
        this.#browser = id;
        this.#drawBrowser();
      });
      this.#browserRadios.set(id, radio);
      browserSwitch.append(el('label', {}, radio, el('span', {}, BROWSER_LABELS[id])));
    }

    const sessionRow = el('div', { class: 'pg-actions pg-auth-session-actions' });
    const explanations = el('dl', { class: 'pg-auth-explanations' });
    for (const { flow, label } of SESSION_FLOWS) {
      const descriptionId = `pg-auth-flow-${flow}`;
      const button = el(
        'button',
        { type: 'button', class: 'pg-button', 'aria-describedby': descriptionId, 'aria-disabled': 'false', 'data-flow': flow },
        label,
      );
      button.addEventListener('click', () => this.#sessionFlow(flow));
      this.#sessionButtons.set(flow, button);
      sessionRow.append(button);
      explanations.append(el('dt', {}, label), el('dd', { id: descriptionId }, FLOW_LIST[flow].description));
    }
    for (const flow of ['oauth-sign-in', 'email-sign-in', 'open-email-link', 'credentials-sign-in'] as const) {
      explanations.append(el('dt', {}, FLOW_LIST[flow].label), el('dd', { id: `pg-auth-flow-${flow}` }, FLOW_LIST[flow].description));
    }

    const controls = el(
      'section',
      { class: 'pg-auth-controls', 'aria-labelledby': 'pg-auth-browser-title' },
      el('div', { class: 'pg-auth-browser-head' }, el('h3', { id: 'pg-auth-browser-title' }, 'Browser'), browserSwitch),
      this.#browserState,
      el('h3', {}, 'Sign in'),
      this.#signIn,
      this.#addedNote,
      this.#inboxSection,
      el('h3', {}, 'Session'),
      sessionRow,
      el('details', { class: 'pg-auth-help' }, el('summary', {}, 'What each button does'), explanations),
      this.#profile.element,
    );
    this.#last.append(this.#lastTitle, this.#lastSummary, this.#lastBody);
    this.#body.append(controls, this.#last);
    this.element = el('div', { class: 'pg-auth-panel' }, this.#app, this.#facts, this.#body);
    this.clear();
  }

  /** Nothing configured (another ORM's runtime is starting): the panel says how to get flows. */
  clear(): void {
    this.#update(null, null);
    this.#showLast(null);
  }

  /** An outcome: the app and its browsers as they are now, and the action's exchange if it had one. */
  show(outcome: Outcome, title: string): void {
    this.#update(outcome.auth, outcome.adapter);
    if (outcome.source.kind === 'flow') {
      this.#showLast({ outcome, title, calls: outcome.calls });
      this.#revealLast();
    }
    // A run starts a new world: the last flow's exchange no longer applies, unless the run scripted flows itself.
    else if (outcome.source.kind === 'run')
      this.#showLast(
        outcome.http.length > 0
          ? { outcome, title: `${title}: the flows your code scripted`, calls: outcome.calls.filter((call) => call.source === 'flow') }
          : null,
      );
  }

  setBusy(busy: boolean): void {
    this.#busy = busy;
    this.element.dataset['busy'] = String(busy);
    for (const button of this.element.querySelectorAll<HTMLButtonElement>('.pg-auth-controls button[aria-disabled]'))
      button.setAttribute('aria-disabled', String(busy));
    this.#inbox.setBusy(busy);
  }

  /** Whether the panel's tab is the one shown: a last action's body waits for it. */
  setVisible(visible: boolean): void {
    this.#visible = visible;
    if (!visible || !this.#unshownLast) return;
    const { last, authError } = this.#unshownLast;
    this.#unshownLast = null;
    this.#drawLastBody(last, authError);
  }

  #update(auth: AuthInfo | null, adapter: AdapterInfo | null): void {
    this.#auth = auth;
    const available = auth !== null || adapter !== null;
    this.#body.hidden = !available;
    this.#facts.hidden = !auth;
    if (auth) {
      this.#app.textContent = `Flows run the real Auth.js (@auth/core) in the playground: ${auth.description}.`;
      this.#facts.replaceChildren(
        el('li', {}, 'Routes under ', el('code', {}, auth.basePath)),
        el('li', {}, sessionText(auth)),
        el(
          'li',
          {},
          `Providers: ${auth.providers.map((provider) => `${provider.name} (${provider.type}${provider.added ? ', added by the playground' : ''})`).join(', ') || 'none'}.`,
        ),
        ...(auth.clockOffsetMs > 0
          ? [el('li', {}, `The simulated clock runs ${approximateDuration(auth.clockOffsetMs)} ahead of yours (refresh and expiry move it).`)]
          : []),
      );
    } else if (adapter) {
      this.#app.textContent = `Your code configured no Auth.js app: flows run Auth.js around ${adapter.description}, with a GitHub and an e-mail provider added by the playground, database sessions and Auth.js's defaults.`;
    } else {
      this.#app.textContent =
        'No Auth.js app yet: run code that configures one (an auth.ts with NextAuth({ adapter, providers, … }) or Auth(request, config)) or creates an adapter, and its flows are here.';
    }
    this.#updateProviders(providersOf(auth, adapter));
    this.#profile.update(auth?.profile);
    this.#profile.element.hidden = !this.#providers.some(isOAuth);
    this.#inbox.update(auth?.inbox ?? []);
    this.#inboxSection.hidden = !this.#providers.some((provider) => provider.type === 'email');
    this.#sessionButtons.get('link-account')!.hidden = !this.#providers.some(isOAuth);
    this.#sessionButtons.get('delete-user')!.hidden = adapter === null;
    this.#drawBrowser();
    this.setBusy(this.#busy);
  }

  /** Sign-in controls per provider, rebuilt only when the providers change (typed addresses and fields are kept). */
  #updateProviders(providers: readonly ProviderInfo[]): void {
    this.#providers = providers;
    const signature = JSON.stringify(providers.map((provider) => [provider.id, provider.type, provider.name, provider.fields ?? null]));
    const added = providers.filter((provider) => provider.added);
    this.#addedNote.textContent =
      added.length > 0
        ? `Added by the playground (your configuration lists no provider of their kind): ${added.map((provider) => provider.name).join(', ')}.`
        : '';
    this.#addedNote.hidden = added.length === 0;
    if (signature === this.#providerSignature) return;
    this.#providerSignature = signature;
    const previous = this.#providerControls;
    this.#providerControls = new Map();
    const emails = providers.filter((provider) => provider.type === 'email').length;
    const credentials = providers.filter((provider) => provider.type === 'credentials').length;
    const oauth = el('div', { class: 'pg-actions' });
    const forms: HTMLElement[] = [];
    for (const provider of providers) {
      const old = previous.get(provider.id);
      if (isOAuth(provider)) {
        const button = this.#button(`Sign in with ${provider.name}`, 'oauth-sign-in', () => this.#oauth('oauth-sign-in', provider));
        oauth.append(button);
        this.#providerControls.set(provider.id, { element: button });
      } else if (provider.type === 'email') {
        const id = `pg-auth-email-${provider.id}`;
        const input = el('input', { type: 'email', id, autocomplete: 'off', spellcheck: 'false', value: old?.email?.value ?? DEFAULT_EMAIL });
        const send = this.#button(emails > 1 ? `Send magic link (${provider.name})` : 'Send magic link', 'email-sign-in', () => this.#email(provider, input));
        input.addEventListener('keydown', (event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            this.#email(provider, input);
          }
        });
        const form = el(
          'fieldset',
          { class: 'pg-auth-provider' },
          el('legend', {}, /e-?mail/i.test(provider.name) ? provider.name : `${provider.name} (e-mail)`),
          el('div', { class: 'pg-auth-inline' }, el('label', { for: id }, 'E-mail address'), input, send),
        );
        forms.push(form);
        this.#providerControls.set(provider.id, { element: form, email: input });
      } else if (provider.type === 'credentials') {
        const fields = new Map<string, HTMLInputElement>();
        const rows = Object.entries(provider.fields ?? {}).map(([name, label]) => {
          const id = `pg-auth-cred-${provider.id}-${name}`.replace(/[^\w-]/g, '_');
          const input = el('input', {
            type: /password/i.test(name) ? 'password' : 'text',
            id,
            autocomplete: 'off',
            spellcheck: 'false',
            value: old?.fields?.get(name)?.value ?? '',
          });
          // Enter submits, as in the app's sign-in form.
          input.addEventListener('keydown', (event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            this.#credentials(provider, fields);
          });
          fields.set(name, input);
          return el('div', { class: 'pg-auth-inline' }, el('label', { for: id }, label || name), input);
        });
        const submit = this.#button(credentials > 1 ? `Sign in (${provider.name})` : 'Sign in', 'credentials-sign-in', () =>
          this.#credentials(provider, fields),
        );
        const form = el(
          'fieldset',
          { class: 'pg-auth-provider' },
          el('legend', {}, /credential/i.test(provider.name) ? provider.name : `${provider.name} (credentials)`),
          ...rows,
          el('div', { class: 'pg-actions' }, submit),
        );
        forms.push(form);
        this.#providerControls.set(provider.id, { element: form, fields });
      } else {
        forms.push(el('p', { class: 'pg-meta' }, `${provider.name} (${provider.type}): the playground has no flow for this kind of provider.`));
      }
    }
    this.#signIn.replaceChildren(...(oauth.childElementCount > 0 ? [oauth] : []), ...forms);
    if (providers.length === 0) this.#signIn.append(el('p', { class: 'pg-meta' }, 'The configuration lists no provider.'));
  }

  #button(label: string, flow: FlowId, press: () => void): HTMLButtonElement {
    const button = el(
      'button',
      { type: 'button', class: 'pg-button', 'aria-disabled': String(this.#busy), 'aria-describedby': `pg-auth-flow-${flow}`, 'data-flow': flow },
      label,
    );
    button.addEventListener('click', press);
    return button;
  }

  #drawBrowser(): void {
    for (const [id, radio] of this.#browserRadios) radio.checked = id === this.#browser;
    const browser: BrowserInfo | undefined = this.#auth?.browsers.find((candidate) => candidate.id === this.#browser);
    const label = BROWSER_LABELS[this.#browser];
    const who = browser?.signedInAs
      ? el('p', { class: 'pg-auth-who', 'data-signed-in': 'true' }, `${label}: signed in as `, el('strong', {}, browser.signedInAs))
      : el('p', { class: 'pg-auth-who', 'data-signed-in': 'false' }, `${label}: not signed in.`);
    const all = browser?.cookies ?? [];
    const cookies = all.slice(0, PAGE_COOKIE_LIMIT);
    const now = new Date(Date.now() + (this.#auth?.clockOffsetMs ?? 0));
    const list =
      cookies.length === 0
        ? el('p', { class: 'pg-meta' }, 'No cookies.')
        : el(
            'ul',
            { class: 'pg-auth-cookies', 'aria-label': `Cookies in ${label.toLowerCase()}` },
            ...cookies.map((cookie) =>
              el(
                'li',
                { 'data-cookie': cookie.name },
                el('code', { class: 'pg-auth-cookie-name' }, cookie.name),
                ' ',
                el(
                  'code',
                  {
                    class: 'pg-auth-cookie-value',
                    title: `${cookie.value}${cookie.valueLength !== undefined && cookie.valueLength > cookie.value.length ? '…' : ''} (${valueLengthText(cookie.value, cookie.valueLength)})`,
                  },
                  shortValue(cookie.value, cookie.valueLength),
                ),
                ' ',
                el('span', { class: 'pg-meta' }, `expires: ${expiryText(cookie.expires, now)}`),
              ),
            ),
            ...(all.length > cookies.length ? [el('li', { class: 'pg-meta' }, `Not shown: ${plural(all.length - cookies.length, 'more cookie')}.`)] : []),
          );
    this.#browserState.replaceChildren(who, list);
  }

  #sessionFlow(flow: FlowId): void {
    if (flow === 'link-account') {
      const provider = this.#providers.find(isOAuth);
      if (provider) this.#oauth('link-account', provider);
      return;
    }
    this.#flow({ flow });
  }

  #oauth(flow: 'oauth-sign-in' | 'link-account', provider: ProviderInfo): void {
    if (this.#busy) return;
    const profile = this.#profile.choice();
    if (!profile.ok) return;
    this.#flow({ flow, provider: provider.id, ...(profile.profile ? { profile: profile.profile } : {}) });
  }

  #email(provider: ProviderInfo, input: HTMLInputElement): void {
    if (this.#busy) return;
    const email = input.value.trim();
    if (!email) {
      input.focus();
      return;
    }
    this.#flow({ flow: 'email-sign-in', provider: provider.id, email });
  }

  #credentials(provider: ProviderInfo, fields: ReadonlyMap<string, HTMLInputElement>): void {
    this.#flow({
      flow: 'credentials-sign-in',
      provider: provider.id,
      credentials: Object.fromEntries([...fields].map(([name, input]) => [name, input.value])),
    });
  }

  #flow(request: Omit<FlowRequest, 'browser'>): void {
    if (this.#busy) return;
    // Shown at once (the request may wait behind a run); the outcome ends it.
    this.setBusy(true);
    this.#actions.flow({ ...request, browser: this.#browser });
  }

  #showLast(last: LastAction | null): void {
    this.#unshownLast = null;
    if (!last) {
      this.#lastTitle.textContent = 'Last action';
      this.#lastSummary.textContent = "Nothing yet: press a flow's button, and the HTTP requests it made and the adapter calls they caused appear here.";
      this.#lastBody.replaceChildren();
      this.#last.dataset['state'] = 'empty';
      return;
    }
    const { outcome, title, calls } = last;
    const authError = authErrorOf(outcome.http, this.#auth?.basePath ?? '');
    const notice = outcome.console.findLast((entry) => entry.kind === 'notice');
    this.#lastTitle.textContent = `Last action: ${title}`;
    this.#lastSummary.textContent = shortenText(
      authError
        ? `Auth.js refused it: ${authError.code}.`
        : outcome.error
          ? `It failed: ${outcome.error.name}: ${outcome.error.message}`
          : notice?.kind === 'notice'
            ? notice.text
            : `Done: ${plural(outcome.http.length, 'HTTP request')}, ${plural(calls.length, 'adapter call')}.`,
      PAGE_TEXT_LIMIT,
    );
    this.#last.dataset['state'] = authError ? 'auth-error' : outcome.error ? 'failed' : 'ok';
    // Its exchanges are hundreds of elements: drawn when the panel is shown, not on every run's first result.
    if (this.#visible) this.#drawLastBody(last, authError);
    else {
      this.#lastBody.replaceChildren();
      this.#unshownLast = { last, authError };
    }
  }

  #drawLastBody(last: LastAction, authError: AuthErrorInfo): void {
    this.#lastBody.replaceChildren(...lastActionBody(last, authError, { locations: this.#locations, showPanel: (id) => this.#actions.showPanel(id) }));
  }

  /**
   * Stacked (a narrow panel), the last action is below the buttons: brought into view after a
   * flow, or the press would seem to do nothing. Side by side it stays in view (sticky).
   */
  #revealLast(): void {
    if (!this.element.isConnected || this.#last.offsetParent === null) return;
    const controls = this.#body.firstElementChild!.getBoundingClientRect();
    if (this.#last.getBoundingClientRect().top >= controls.bottom - 1) this.#lastTitle.scrollIntoView({ block: 'start' });
  }
}
