import { appendBounded, PAGE_CONSOLE_ENTRY_LIMIT } from '../output-limits.ts';
import type { ConsoleEntry } from '../protocol.ts';
import { el, plural } from '../ui/dom.ts';
import { entryView } from './console-entry-view.ts';
import type { LocationActions } from './error-view.ts';
import { ConsoleSectionView, type ConsoleSection } from './console-section-view.ts';

/** Entries drawn of the newest section, and of each older one; "Show earlier" draws more. */
const NEWEST_WINDOW = 100;
const OLDER_WINDOW = 20;
/** Sections kept (a run and the calls after it); the oldest go first. */
const SECTION_LIMIT = 30;

/**
 * The Console panel: console output, adapter calls with their results, notices and errors, in
 * sections (a run, then each call from the panel). Entries are only ever appended to the page:
 * those that arrive while the panel is open are drawn once per animation frame, and only the
 * last ones of each section are drawn at all, so a run that logs a thousand objects costs the
 * page what a screenful costs. The page holds a bounded number whatever the runtime sends.
 */
export class ConsolePanel {
  readonly element = el('div', { class: 'pg-console-body' });
  readonly #actions: LocationActions;
  readonly #empty = el('p', { class: 'pg-empty' }, 'Nothing logged yet. console.log output, adapter calls and errors appear here.');
  readonly #earlierSections = el('p', { class: 'pg-muted pg-console-more', hidden: '' });
  #sections: ConsoleSection[] = [];
  #removedSections = 0;
  #views = new Map<ConsoleSection, ConsoleSectionView>();
  #visible = false;
  /** 'full': draw everything again (bounded: the windows); 'append': only what arrived. */
  #pending: 'none' | 'append' | 'full' = 'full';
  #frame: number | undefined;

  constructor(actions: LocationActions) {
    this.#actions = actions;
  }

  /** Draws only while shown; what arrives meanwhile is drawn when the panel is shown again. */
  setVisible(visible: boolean): void {
    this.#visible = visible;
    if (visible && this.#pending !== 'none') this.#draw();
  }

  /** A new run: the old sections go; the run's entries stream into a live section. */
  startRun(): void {
    this.#sections = [{ title: 'Running…', entries: [], notKept: 0, live: true }];
    this.#removedSections = 0;
    this.#request('full');
  }

  /** Entries of the running request, as they arrive. */
  progress(entries: readonly ConsoleEntry[]): void {
    let live = this.#sections.at(-1);
    if (!live?.live) this.#sections.push((live = { title: 'Running…', entries: [], notKept: 0, live: true }));
    live.notKept += appendBounded(live.entries, entries, PAGE_CONSOLE_ENTRY_LIMIT);
    this.#request('append');
  }

  /**
   * A request's whole console. When the live section streamed its beginning (it always does
   * unless the runtime misbehaved), the section takes its title and the rest is appended.
   * `replaceRun`: a run's outcome replaces every earlier section.
   */
  finish(title: string, entries: readonly ConsoleEntry[], replaceRun: boolean): void {
    const live = this.#sections.at(-1)?.live ? this.#sections.pop() : undefined;
    if (replaceRun) {
      this.#drop(this.#sections);
      this.#sections = [];
    } else {
      const same = this.#sections.filter((section) => section.title === title);
      this.#drop(same);
      this.#sections = this.#sections.filter((section) => section.title !== title);
    }
    let section: ConsoleSection;
    if (live && continues(live.entries, entries)) {
      section = { ...live, title, live: false };
      section.notKept += appendBounded(section.entries, entries.slice(live.entries.length), PAGE_CONSOLE_ENTRY_LIMIT);
      const view = this.#views.get(live);
      this.#views.delete(live);
      if (view) this.#views.set(section, view);
    } else {
      if (live) this.#drop([live]);
      section = { title, entries: [], notKept: 0, live: false };
      section.notKept += appendBounded(section.entries, entries, PAGE_CONSOLE_ENTRY_LIMIT);
    }
    this.#sections.push(section);
    const over = this.#sections.length - SECTION_LIMIT;
    if (over > 0) {
      this.#drop(this.#sections.slice(0, over));
      this.#sections = this.#sections.slice(over);
      this.#removedSections += over;
    }
    this.#request('append');
  }

  #drop(sections: readonly ConsoleSection[]): void {
    for (const section of sections) {
      this.#views.get(section)?.element.remove();
      this.#views.delete(section);
    }
  }

  #request(kind: 'append' | 'full'): void {
    if (kind === 'full' || this.#pending === 'none') this.#pending = kind;
    if (!this.#visible || this.#frame !== undefined) return;
    // Entries come in many small messages: they are drawn together, once per frame.
    this.#frame = requestAnimationFrame(() => {
      this.#frame = undefined;
      if (this.#visible) this.#draw();
    });
  }

  #draw(): void {
    if (this.#pending === 'full') {
      for (const view of this.#views.values()) view.element.remove();
      this.#views.clear();
      this.element.replaceChildren(this.#empty, this.#earlierSections);
    }
    this.#pending = 'none';
    const newest = this.#sections.at(-1);
    for (const section of this.#sections) {
      let view = this.#views.get(section);
      if (!view) {
        view = new ConsoleSectionView(section === newest ? NEWEST_WINDOW : OLDER_WINDOW, (entry) => entryView(entry, this.#actions));
        this.#views.set(section, view);
        this.element.append(view.element);
      }
      view.sync(section);
    }
    this.#empty.hidden = this.#sections.some((section) => section.entries.length > 0 || section.notKept > 0);
    this.#earlierSections.hidden = this.#removedSections === 0;
    this.#earlierSections.textContent = `${plural(this.#removedSections, 'earlier action')} not shown: the Console keeps the last ${SECTION_LIMIT}.`;
  }
}

/** Whether `whole` starts with what was streamed (same length or longer, same kinds and times). */
function continues(streamed: readonly ConsoleEntry[], whole: readonly ConsoleEntry[]): boolean {
  if (streamed.length > whole.length) return false;
  const last = streamed.length - 1;
  return last < 0 || (streamed[last]!.kind === whole[last]!.kind && streamed[last]!.time === whole[last]!.time && streamed[0]!.time === whole[0]!.time);
}
