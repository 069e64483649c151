import type { ConsoleEntry } from '../protocol.ts';
import { el } from '../ui/dom.ts';

/**
 * Notes above the results: what the playground did differently from a real app in the last run
 * (e.g. "Sequelize was configured for PostgreSQL…"), a link that could not be opened, and the
 * offer to bring back code that something replaced. Each can be dismissed.
 */
export class Notices {
  readonly #host: HTMLElement;

  constructor(host: HTMLElement) {
    this.#host = host;
  }

  /**
   * The playground's notes from an outcome's console: they are about that run, so a later run
   * that has the same note shows it again (after clearRunNotices()), and one without it does not.
   */
  fromConsole(entries: readonly ConsoleEntry[]): void {
    const shown = new Set([...this.#host.querySelectorAll<HTMLElement>('[data-from-console]')].map((item) => item.dataset['fromConsole']));
    for (const entry of entries) {
      if (entry.kind !== 'notice' || shown.has(entry.text) || !isPlaygroundNote(entry.text)) continue;
      shown.add(entry.text);
      this.#add('info', entry.text).dataset['fromConsole'] = entry.text;
    }
  }

  /** A run starts: the notes of the previous run's console no longer apply. */
  clearRunNotices(): void {
    for (const item of this.#host.querySelectorAll('[data-from-console]')) item.remove();
  }

  problem(message: string): void {
    this.#add('error', message);
  }

  offerRestore(message: string, restore: () => Promise<void>): void {
    this.#host.querySelector('[data-restore]')?.remove();
    const button = el('button', { type: 'button', class: 'pg-button pg-small' }, 'Restore my code');
    const item = this.#add('info', message, button);
    item.dataset['restore'] = 'true';
    button.addEventListener('click', () => {
      item.remove();
      void restore();
    });
  }

  #add(kind: 'info' | 'error', text: string, ...extra: HTMLElement[]): HTMLElement {
    const dismiss = el('button', { type: 'button', class: 'pg-dismiss', 'aria-label': 'Dismiss this note' }, '×');
    const item = el('div', { class: 'pg-notice', 'data-kind': kind, role: kind === 'error' ? 'alert' : 'note' }, el('p', {}, text), ...extra, dismiss);
    dismiss.addEventListener('click', () => item.remove());
    this.#host.append(item);
    return item;
  }
}

/** Notes about the environment deserve the banner; a scenario's summary line only the Console. */
function isPlaygroundNote(text: string): boolean {
  return /playground|MikroORM 7|browser/i.test(text);
}
