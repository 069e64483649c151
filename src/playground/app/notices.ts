import type { ConsoleEntry } from '../protocol.ts';
import { el } from '../ui/dom.ts';

/**
 * Notes above the panels: what the playground did differently from a real app (told once per
 * visit, e.g. "Sequelize was configured for PostgreSQL…"), a link that could not be opened, and
 * the offer to bring back code that something replaced.
 */
export class Notices {
  readonly #host: HTMLElement;
  readonly #seen = new Set<string>();

  constructor(host: HTMLElement) {
    this.#host = host;
  }

  fromConsole(entries: readonly ConsoleEntry[]): void {
    for (const entry of entries) {
      if (entry.kind !== 'notice' || this.#seen.has(entry.text) || !isPlaygroundNote(entry.text)) continue;
      this.#seen.add(entry.text);
      this.#add('info', entry.text);
    }
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
