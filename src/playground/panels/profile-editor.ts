import { el } from '../ui/dom.ts';
import { parseProfile, profileText } from './auth-view-model.ts';

export type ProfileChoice = { readonly ok: true; readonly profile?: Readonly<Record<string, unknown>> } | { readonly ok: false };

/**
 * The simulated OAuth provider's profile as editable JSON. The runtime says which profile the
 * provider returns next; the box follows it until the reader edits it, and only an edited
 * profile is sent with a flow (an unedited one is what the provider returns anyway, and leaves
 * the runtime free to pick a new account for "Link another OAuth account"). Invalid JSON is
 * refused here, with a message, and nothing is sent.
 */
export class ProfileEditor {
  readonly element: HTMLElement;
  readonly #box = el('textarea', {
    id: 'pg-auth-profile',
    rows: '7',
    spellcheck: 'false',
    autocomplete: 'off',
    placeholder: "The provider's profile shows here once Auth.js has run (after the first flow). Or type a JSON object of your own.",
    'aria-describedby': 'pg-auth-profile-hint pg-auth-profile-message',
  });
  readonly #message = el('p', { id: 'pg-auth-profile-message', class: 'pg-form-message', role: 'alert' });
  readonly #reset = el('button', { type: 'button', class: 'pg-button pg-small' }, "Reset to the provider's profile");
  /** The provider's profile as last shown (its text): the box differs from it once edited. */
  #shown = '';

  constructor() {
    this.#box.addEventListener('input', () => {
      this.#message.textContent = '';
      this.#sync();
    });
    this.#reset.addEventListener('click', () => {
      this.#box.value = this.#shown;
      this.#message.textContent = '';
      this.#sync();
      this.#box.focus();
    });
    this.element = el(
      'div',
      { class: 'pg-field pg-profile' },
      el('label', { for: 'pg-auth-profile' }, 'Profile the OAuth provider returns next (JSON)'),
      this.#box,
      el(
        'p',
        { id: 'pg-auth-profile-hint', class: 'pg-meta' },
        'Sent with "Sign in with …" and "Link another …" when you edit it: change the id to sign in as another account, the email to test account linking.',
      ),
      el('div', { class: 'pg-actions' }, this.#reset),
      this.#message,
    );
    this.#sync();
  }

  /** The runtime's profile: shown unless the reader has edited the box. */
  update(profile: Readonly<Record<string, unknown>> | undefined): void {
    const text = profile ? profileText(profile) : '';
    if (!this.edited) this.#box.value = text;
    this.#shown = text;
    this.#sync();
  }

  get edited(): boolean {
    return this.#box.value.trim() !== this.#shown.trim();
  }

  /** What to send with an OAuth flow: nothing when unedited, the profile when edited and valid; `ok: false` (with a message shown) when invalid. */
  choice(): ProfileChoice {
    if (!this.edited) return { ok: true };
    const parsed = parseProfile(this.#box.value);
    if (!parsed.ok) {
      this.#message.textContent = parsed.message;
      this.#box.setAttribute('aria-invalid', 'true');
      this.#box.focus();
      return { ok: false };
    }
    this.#box.removeAttribute('aria-invalid');
    return { ok: true, profile: parsed.profile };
  }

  #sync(): void {
    this.#reset.hidden = !this.edited;
    if (!this.#message.textContent) this.#box.removeAttribute('aria-invalid');
  }
}
