/**
 * A toolbar menu as a disclosure (a button with aria-expanded that shows a panel), not an ARIA
 * `menu`: its items are ordinary buttons, a checkbox, a file input and links, which a `menu`
 * role cannot hold, and Tab reaches each of them as usual. On top of the disclosure pattern:
 * opening moves focus to the first item, arrows move between items, Escape closes and gives
 * focus back to the button, and a click (or focus) outside closes it.
 */
export class DisclosureMenu {
  readonly #button: HTMLButtonElement;
  readonly #panel: HTMLElement;

  constructor(button: HTMLButtonElement, panel: HTMLElement) {
    this.#button = button;
    this.#panel = panel;
    button.addEventListener('click', () => (this.open ? this.close(true) : this.#show()));
    panel.addEventListener('keydown', (event) => this.#keydown(event));
    button.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.open) {
        event.preventDefault();
        this.close(true);
      } else if (event.key === 'ArrowDown' && !this.open) {
        event.preventDefault();
        this.#show();
      }
    });
    // An action was taken: the menu has done its job. (Checkboxes stay: several may be set.)
    panel.addEventListener('click', (event) => {
      const target = event.target as HTMLElement;
      if (target.closest('button')) this.close(true);
    });
    panel.addEventListener('change', (event) => {
      if ((event.target as HTMLInputElement).type === 'file') this.close(true);
    });
    document.addEventListener('pointerdown', (event) => {
      if (this.open && !this.#contains(event.target as Node)) this.close(false);
    });
    // Tab past the last item (or Shift+Tab before the button): focus has left, so has the menu.
    panel.addEventListener('focusout', (event) => {
      const next = event.relatedTarget as Node | null;
      if (this.open && next && !this.#contains(next)) this.close(false);
    });
  }

  get open(): boolean {
    return !this.#panel.hidden;
  }

  close(returnFocus: boolean): void {
    if (!this.open) return;
    this.#panel.hidden = true;
    this.#button.setAttribute('aria-expanded', 'false');
    if (returnFocus) this.#button.focus();
  }

  #show(): void {
    this.#panel.hidden = false;
    this.#button.setAttribute('aria-expanded', 'true');
    this.#items()[0]?.focus();
  }

  #contains(node: Node): boolean {
    return this.#button.contains(node) || this.#panel.contains(node);
  }

  #items(): HTMLElement[] {
    return [...this.#panel.querySelectorAll<HTMLElement>('button:not(:disabled), input:not(:disabled), a[href]')];
  }

  #keydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      // Not the page's other Escape handlers (e.g. a dialog's): this one is about the menu.
      event.stopPropagation();
      this.close(true);
      return;
    }
    const items = this.#items();
    const index = items.indexOf(document.activeElement as HTMLElement);
    let next = -1;
    if (event.key === 'ArrowDown') next = (index + 1) % items.length;
    else if (event.key === 'ArrowUp') next = (index - 1 + items.length) % items.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = items.length - 1;
    if (next === -1 || items.length === 0) return;
    event.preventDefault();
    items[next]!.focus();
  }
}
