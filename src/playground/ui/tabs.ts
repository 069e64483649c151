import { el } from './dom.ts';

export interface TabSpec {
  readonly id: string;
  readonly label: string;
  /** A short count or mark shown after the label (e.g. "3" problems). */
  readonly badge?: string;
}

/**
 * An accessible tab list (WAI-ARIA tabs): one tab in the Tab order, arrows/Home/End move
 * between tabs and activate them, each tab controls its panel (`aria-controls`).
 */
export class TabList {
  readonly element: HTMLElement;
  readonly #panelId: (id: string) => string;
  readonly #onSelect: (id: string) => void;
  #tabs: TabSpec[] = [];
  #selected = '';
  /** What each button shows (label and badge), so an unchanged one is left alone. */
  readonly #drawn = new WeakMap<HTMLButtonElement, string>();

  constructor(label: string, panelId: (id: string) => string, onSelect: (id: string) => void) {
    this.element = el('div', { role: 'tablist', 'aria-label': label, class: 'pg-tablist' });
    this.#panelId = panelId;
    this.#onSelect = onSelect;
    this.element.addEventListener('keydown', (event) => this.#keydown(event));
  }

  get selected(): string {
    return this.#selected;
  }

  set(tabs: readonly TabSpec[], selected: string): void {
    this.#tabs = [...tabs];
    this.#selected = tabs.some((tab) => tab.id === selected) ? selected : (tabs[0]?.id ?? '');
    this.#render();
  }

  select(id: string, focus = false): void {
    if (!this.#tabs.some((tab) => tab.id === id)) return;
    this.#selected = id;
    this.#render();
    if (focus) this.#button(id)?.focus();
    this.#onSelect(id);
  }

  tabId(id: string): string {
    return `${this.element.getAttribute('aria-label')?.toLowerCase() ?? 'tab'}-${id.replace(/\W/g, '_')}-tab`;
  }

  #button(id: string): HTMLButtonElement | null {
    return this.element.querySelector<HTMLButtonElement>(`[data-tab="${CSS.escape(id)}"]`);
  }

  /**
   * Updates the tabs in place: a badge changing (new type errors) or another tab selected must
   * not replace the button that has the keyboard focus.
   */
  #render(): void {
    const buttons = [...this.element.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const same = buttons.length === this.#tabs.length && buttons.every((button, i) => button.dataset['tab'] === this.#tabs[i]!.id);
    if (!same) {
      this.element.replaceChildren(
        ...this.#tabs.map((tab) => {
          const button = el('button', { type: 'button', role: 'tab', id: this.tabId(tab.id), 'data-tab': tab.id, 'aria-controls': this.#panelId(tab.id) });
          button.addEventListener('click', () => this.select(tab.id));
          return button;
        }),
      );
    }
    this.#tabs.forEach((tab, i) => {
      const button = this.element.children[i] as HTMLButtonElement;
      const selected = tab.id === this.#selected;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      const label = `${tab.label} ${tab.badge ?? ''}`;
      if (this.#drawn.get(button) === label) return;
      this.#drawn.set(button, label);
      button.replaceChildren(tab.label, ...(tab.badge ? [el('span', { class: 'pg-badge' }, tab.badge)] : []));
    });
  }

  #keydown(event: KeyboardEvent): void {
    const index = this.#tabs.findIndex((tab) => tab.id === this.#selected);
    let next = -1;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = (index + 1) % this.#tabs.length;
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = (index - 1 + this.#tabs.length) % this.#tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = this.#tabs.length - 1;
    if (next === -1 || !(event.target as HTMLElement).matches('[role="tab"]')) return;
    event.preventDefault();
    this.select(this.#tabs[next]!.id, true);
  }
}
