import type { ConsoleEntry } from '../protocol.ts';
import { shortenText } from '../output-limits.ts';
import { el } from '../ui/dom.ts';

const NOTICE_TEXT_LIMIT = 600;

export interface RestorableVersion {
  /** What it holds and when it was replaced, e.g. "Sequelize, run.ts (replaced by a link at 14:02)". */
  readonly label: string;
  readonly restore: () => void;
}

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
      // Written inside the sandbox, where the reader's code runs too: said so, and one line long.
      this.#add('info', shortenText(entry.text, NOTICE_TEXT_LIMIT), el('span', { class: 'pg-notice-source' }, 'Note from the run')).dataset['fromConsole'] =
        entry.text;
    }
  }

  /** A run starts: the notes of the previous run's console no longer apply. */
  clearRunNotices(): void {
    for (const item of this.#host.querySelectorAll('[data-from-console]')) item.remove();
  }

  /** An error note; one with a `topic` replaces the earlier note on that topic (e.g. the last broken link). */
  problem(message: string, topic?: string): void {
    if (topic) this.#host.querySelector(`[data-topic="${topic}"]`)?.remove();
    const item = this.#add('error', message);
    if (topic) item.dataset['topic'] = topic;
  }

  /**
   * Offers replaced code back: "Restore my code" brings the newest version, and older ones are
   * listed under a disclosure, each a button named by what it holds and when it was replaced.
   */
  offerRestore(message: string, versions: readonly RestorableVersion[]): void {
    this.#host.querySelector('[data-restore]')?.remove();
    const [newest, ...older] = versions;
    if (!newest) return;
    const restore = (version: RestorableVersion) => () => {
      item.remove();
      version.restore();
    };
    const button = el('button', { type: 'button', class: 'pg-button pg-small', title: newest.label }, 'Restore my code');
    button.addEventListener('click', restore(newest));
    const extra: HTMLElement[] = [button];
    if (older.length > 0) {
      const list = el('ul', { class: 'pg-restore-list', 'aria-label': 'Earlier code, newest first' });
      for (const version of older) {
        const choose = el('button', { type: 'button', class: 'pg-button pg-small' }, `Restore ${version.label}`);
        choose.addEventListener('click', restore(version));
        list.append(el('li', {}, choose));
      }
      extra.push(el('details', { class: 'pg-restore-older' }, el('summary', {}, `Earlier code (${older.length})`), list));
    }
    const item = this.#add('info', message, ...extra);
    item.dataset['restore'] = 'true';
  }

  /** Stored data that could not be read and was kept aside: offered for download or deletion. */
  keptAside(message: string, actions: { download: () => void; discard: () => Promise<boolean> }): void {
    const download = el('button', { type: 'button', class: 'pg-button pg-small' }, 'Download it');
    const discard = el('button', { type: 'button', class: 'pg-button pg-small' }, 'Delete it');
    download.addEventListener('click', () => actions.download());
    const item = this.#add('error', message, download, discard);
    item.dataset['keptAside'] = 'true';
    discard.addEventListener('click', () => void actions.discard().then((gone) => gone && item.remove()));
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
