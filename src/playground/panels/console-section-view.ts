import type { ConsoleEntry } from '../protocol.ts';
import { el, plural } from '../ui/dom.ts';
import { countText } from '../count-text.ts';

/** The output of one action (a run, then each call from the panel), as the page holds it. */
export interface ConsoleSection {
  readonly title: string;
  readonly entries: ConsoleEntry[];
  /** Entries that arrived over the page's limit and were not kept. */
  notKept: number;
  /** Still streaming: its request has not finished. */
  readonly live: boolean;
}

/** Entries "Show earlier" adds. */
const STEP = 100;

/**
 * One section on the page: its heading, "N earlier entries not shown" with a button, the drawn
 * entries — a window on the last ones, only ever appended to (the oldest drawn leave from the
 * top as new ones come) — and what the page did not keep.
 */
export class ConsoleSectionView {
  readonly element: HTMLElement;
  readonly #heading = el('h3', { class: 'pg-console-title' });
  readonly #earlier = el('p', { class: 'pg-muted pg-console-more' });
  readonly #earlierText = el('span');
  readonly #earlierButton = el('button', { type: 'button', class: 'pg-button pg-small' });
  readonly #list = el('ol', { class: 'pg-console', tabindex: '-1' });
  readonly #notKept = el('p', { class: 'pg-muted pg-console-more', hidden: '' });
  readonly #draw: (entry: ConsoleEntry) => HTMLElement;
  #section: ConsoleSection | undefined;
  #window: number;
  /** Indexes of the first drawn entry and one past the last. */
  #first = 0;
  #end = 0;

  constructor(window: number, draw: (entry: ConsoleEntry) => HTMLElement) {
    this.#window = window;
    this.#draw = draw;
    this.#earlier.append(this.#earlierText, ' ', this.#earlierButton);
    this.#earlierButton.addEventListener('click', () => this.#showEarlier());
    this.element = el('section', { class: 'pg-console-section' }, this.#heading, this.#earlier, this.#list, this.#notKept);
  }

  /** Draws what arrived since the last call: at most a window's worth, whatever arrived. */
  sync(section: ConsoleSection): void {
    this.#section = section;
    const total = section.entries.length;
    if (this.#end < total) {
      const from = Math.max(this.#end, total - this.#window);
      // Everything drawn so far is out of the window: start again from an empty list.
      if (from > this.#end) {
        this.#list.replaceChildren();
        this.#first = from;
      }
      const added = document.createDocumentFragment();
      for (let i = from; i < total; i++) added.append(this.#draw(section.entries[i]!));
      this.#list.append(added);
      this.#end = total;
      while (this.#end - this.#first > this.#window) {
        this.#list.firstElementChild?.remove();
        this.#first++;
      }
    }
    this.element.hidden = total === 0 && section.notKept === 0;
    this.#heading.textContent = section.title;
    this.#updateNotes(section);
  }

  #updateNotes(section: ConsoleSection): void {
    this.#earlier.hidden = this.#first === 0;
    this.#earlierText.textContent = `${plural(this.#first, 'earlier entry', 'earlier entries')} not shown.`;
    const step = Math.min(STEP, this.#first);
    this.#earlierButton.textContent = `Show ${countText(step)} earlier`;
    this.#earlierButton.setAttribute('aria-label', `Show ${countText(step)} earlier entries of ${section.title}`);
    this.#notKept.hidden = section.notKept === 0;
    this.#notKept.textContent = `${plural(section.notKept, 'more entry', 'more entries')} arrived and ${section.notKept === 1 ? 'was' : 'were'} not kept: the page holds at most ${countText(section.entries.length)} per action.`;
  }

  #showEarlier(): void {
    const section = this.#section;
    if (!section || this.#first === 0) return;
    const from = Math.max(0, this.#first - STEP);
    const added = document.createDocumentFragment();
    for (let i = from; i < this.#first; i++) added.append(this.#draw(section.entries[i]!));
    this.#list.prepend(added);
    this.#window += this.#first - from;
    this.#first = from;
    this.#updateNotes(section);
    // The button goes once everything is drawn: keep the keyboard focus in the section.
    if (this.#first === 0) this.#list.focus();
  }
}
