import { PAGE_MAIL_LIMIT } from '../output-limits.ts';
import type { MailInfo } from '../protocol.ts';
import { el, plural } from '../ui/dom.ts';
import { clip, dateText, pathOf } from './auth-view-model.ts';

/**
 * The simulated mail service's inbox: each magic-link mail with an "Open link" button. Items are
 * kept by mail id and updated in place, so the button a reader just pressed (and that has the
 * keyboard focus) survives the outcome that follows; opening twice is allowed (the refusal is
 * what there is to see).
 */
export class InboxView {
  readonly element: HTMLElement;
  readonly #list = el('ul', { class: 'pg-inbox', 'aria-label': 'Inbox' });
  readonly #empty = el('p', { class: 'pg-meta' }, 'No mail yet: "Send magic link" puts one here.');
  readonly #older = el('p', { class: 'pg-meta', hidden: '' });
  readonly #items = new Map<number, { item: HTMLLIElement; opened: HTMLElement; button: HTMLButtonElement }>();
  readonly #open: (mail: MailInfo) => void;
  #busy = false;

  constructor(open: (mail: MailInfo) => void) {
    this.#open = open;
    this.element = el('div', { class: 'pg-inbox-wrap' }, this.#empty, this.#list, this.#older);
  }

  /** Draws the newest PAGE_MAIL_LIMIT mails (a scripted loop may send thousands) and counts the others. */
  update(all: readonly MailInfo[]): void {
    const mails = [...all].sort((a, b) => b.id - a.id).slice(0, PAGE_MAIL_LIMIT);
    this.#older.hidden = all.length <= mails.length;
    this.#older.textContent = `Older mails not shown: ${plural(all.length - mails.length, 'mail')}.`;
    const ids = new Set(mails.map((mail) => mail.id));
    for (const [id, entry] of this.#items) {
      if (!ids.has(id)) {
        entry.item.remove();
        this.#items.delete(id);
      }
    }
    // Newest first: the one just sent is at the top, next to the address field.
    mails.forEach((mail, index) => {
      const entry = this.#items.get(mail.id) ?? this.#create(mail);
      entry.opened.textContent = mail.opened === 0 ? 'not opened yet' : `opened ${plural(mail.opened, 'time')}`;
      if (this.#list.children[index] !== entry.item) this.#list.insertBefore(entry.item, this.#list.children[index] ?? null);
    });
    this.#empty.hidden = mails.length > 0;
    this.#list.hidden = mails.length === 0;
  }

  setBusy(busy: boolean): void {
    this.#busy = busy;
    for (const { button } of this.#items.values()) button.setAttribute('aria-disabled', String(busy));
  }

  #create(mail: MailInfo): { item: HTMLLIElement; opened: HTMLElement; button: HTMLButtonElement } {
    const opened = el('span', { class: 'pg-meta' });
    // Described by its mail (not named after it: an address in a name matches the page's other labels).
    const button = el(
      'button',
      {
        type: 'button',
        class: 'pg-button pg-small',
        'aria-disabled': String(this.#busy),
        'aria-describedby': `pg-mail-${mail.id}`,
        'data-mail': String(mail.id),
      },
      'Open link',
    );
    button.addEventListener('click', () => {
      if (!this.#busy) this.#open(mail);
    });
    const item = el(
      'li',
      { class: 'pg-mail', 'data-mail': String(mail.id) },
      el(
        'div',
        { class: 'pg-mail-head', id: `pg-mail-${mail.id}` },
        el('strong', {}, mail.subject),
        ' ',
        el('span', { class: 'pg-meta' }, `to ${mail.to} · ${mail.provider} · ${dateText(new Date(mail.sent))} · `),
        opened,
      ),
      el('div', { class: 'pg-mail-link' }, button, ' ', el('code', { title: mail.url }, clip(pathOf(mail.url), 70))),
    );
    const entry = { item, opened, button };
    this.#items.set(mail.id, entry);
    return entry;
  }
}
