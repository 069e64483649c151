import { engineEntry, type EngineId } from '../engine-registry.ts';
import type { OrmId, RuntimeVersions } from '../protocol.ts';
import { GITHUB_URL_LIMIT, ShareLinkRefusedError, linkLength, shareUrl } from '../share/codec.ts';
import { markdownForIssue } from '../share/markdown.ts';
import type { PlaygroundState } from '../store/state.ts';
import type { StatusKind } from './controls.ts';
import { databaseVersion } from './engine-versions.ts';
import { countText } from '../count-text.ts';

/** Copy link, Copy as Markdown, the link-length meter, the URL hash, and database downloads. */
export class ShareActions {
  readonly #state: () => PlaygroundState;
  readonly #versions: () => Promise<RuntimeVersions | undefined>;
  readonly #status: (message: string, kind: StatusKind) => void;
  readonly #length: HTMLElement;
  /** The address as this page last wrote or read it; null until the first write. */
  #address: string | null = null;

  constructor(
    root: HTMLElement,
    state: () => PlaygroundState,
    versions: () => Promise<RuntimeVersions | undefined>,
    status: (message: string, kind: StatusKind) => void,
  ) {
    this.#state = state;
    this.#versions = versions;
    this.#status = status;
    this.#length = root.querySelector<HTMLElement>('[data-link-length]')!;
    root.querySelector('[data-copy-link]')!.addEventListener('click', () => void this.#copyLink());
    root.querySelector('[data-copy-markdown]')!.addEventListener('click', () => void this.#copyMarkdown());
  }

  url(): string {
    return shareUrl(location.href, this.#state());
  }

  /**
   * The share link, or the bare page and why there is no link (the code is too large for one the
   * playground would open). The bare page keeps a reload from opening an older link's code.
   */
  #link(): { url: string; refused: null } | { url: string; refused: ShareLinkRefusedError } {
    try {
      return { url: this.url(), refused: null };
    } catch (error) {
      if (!(error instanceof ShareLinkRefusedError)) throw error;
      return { url: location.href.split('#')[0] ?? location.href, refused: error };
    }
  }

  /**
   * The page has read the address (a link pasted or reached by back/forward): from now on it is
   * the page's to mirror again.
   */
  addressRead(): void {
    this.#address = location.href;
  }

  /**
   * Mirrors the state into the address bar (no history entry), and updates the meter. Not while
   * the address holds something the page has not read yet: a link pasted a moment ago, whose
   * hashchange is still queued, must not be overwritten by the code it is about to replace.
   */
  updateLocation(): void {
    const { url, refused } = this.#link();
    const unread = this.#address !== null && location.href !== this.#address;
    if (!unread && url !== location.href) history.replaceState(history.state, '', url);
    if (!unread) this.#address = location.href;
    const length = linkLength(url);
    const tooLong = refused !== null || length > GITHUB_URL_LIMIT;
    this.#length.textContent = refused
      ? `No link: ${refused.message} "Copy as Markdown" includes the code instead.`
      : tooLong
        ? `Link: ${countText(length)} characters — over GitHub's ${countText(GITHUB_URL_LIMIT)}; "Copy as Markdown" includes the code instead.`
        : `Link: ${countText(length)} characters`;
    this.#length.dataset['tooLong'] = String(tooLong);
    this.#length.title = this.#length.textContent;
  }

  async copyText(text: string, what: string): Promise<boolean> {
    try {
      await navigator.clipboard.writeText(text);
      this.#status(`Copied ${what} to the clipboard.`, 'ok');
      return true;
    } catch {
      // No clipboard permission (or an insecure context): select it for Ctrl+C instead.
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('aria-label', what);
      area.className = 'pg-offscreen';
      document.body.append(area);
      area.select();
      const copied = document.execCommand('copy');
      area.remove();
      this.#status(copied ? `Copied ${what} to the clipboard.` : `Could not copy ${what}: the browser refused clipboard access.`, copied ? 'ok' : 'error');
      return copied;
    }
  }

  /** Downloads a database file: SQLite's `.sqlite`, PostgreSQL's data-directory dump `.tar.gz`. */
  downloadDatabase(database: Uint8Array | null, orm: OrmId, engine: EngineId): void {
    if (!database) {
      this.#status('There is no database yet: run the code first.', 'warning');
      return;
    }
    const link = document.createElement('a');
    const type = engine === 'sqlite' ? 'application/vnd.sqlite3' : 'application/gzip';
    link.href = URL.createObjectURL(new Blob([database as Uint8Array<ArrayBuffer>], { type }));
    link.download = `adapter-lab-${orm}${engineEntry(engine).fileExtension}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    this.#status(`Downloaded ${link.download} (${countText(database.length)} bytes).`, 'ok');
  }

  async #copyLink(): Promise<void> {
    const { url, refused } = this.#link();
    if (refused) {
      this.#status(`Could not copy a link: ${refused.message} Use "Copy as Markdown for an issue".`, 'error');
      return;
    }
    const length = linkLength(url);
    if ((await this.copyText(url, `the link (${countText(length)} characters)`)) && length > GITHUB_URL_LIMIT) {
      this.#status(
        `Copied the link, but at ${countText(length)} characters it is longer than GitHub accepts (${countText(GITHUB_URL_LIMIT)}): use "Copy as Markdown for an issue".`,
        'warning',
      );
    }
  }

  async #copyMarkdown(): Promise<void> {
    const versions = await this.#versions();
    const state = this.#state();
    const markdown = markdownForIssue({
      state,
      url: this.#link().url,
      // The engine is named even before its runtime said its version.
      versions: { orm: versions?.orm ?? 'unknown', adapter: versions?.adapter ?? 'unknown', database: databaseVersion(state.engine, versions?.database) },
    });
    await this.copyText(markdown, 'the Markdown for a GitHub issue');
  }
}
