import { el } from './dom.ts';

/**
 * Modal questions in a native <dialog> (focus moves in and back, Esc cancels), instead of
 * window.confirm/prompt, which block the page and cannot be styled or labelled.
 */
export class Dialogs {
  readonly #dialog: HTMLDialogElement;

  constructor(host: HTMLElement) {
    this.#dialog = el('dialog', { class: 'pg-dialog', 'aria-labelledby': 'pg-dialog-title' });
    host.append(this.#dialog);
  }

  confirm(title: string, message: string, confirmLabel: string): Promise<boolean> {
    return this.#open(title, message, confirmLabel, null).then((value) => value !== null);
  }

  /** Asks for a value; `validate` returns the reason it is not acceptable, or null. */
  prompt(title: string, label: string, initial: string, confirmLabel: string, validate: (value: string) => string | null): Promise<string | null> {
    return this.#open(title, '', confirmLabel, { label, initial, validate });
  }

  #open(
    title: string,
    message: string,
    confirmLabel: string,
    input: { label: string; initial: string; validate: (value: string) => string | null } | null,
  ): Promise<string | null> {
    const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const form = el('form', { method: 'dialog' });
    const error = el('p', { class: 'pg-form-message', role: 'alert', id: 'pg-dialog-error' });
    const field = input
      ? el('input', {
          type: 'text',
          id: 'pg-dialog-input',
          value: input.initial,
          autocomplete: 'off',
          spellcheck: 'false',
          'aria-describedby': 'pg-dialog-error',
        })
      : null;
    const ok = el('button', { type: 'submit', value: 'ok', class: 'pg-button pg-primary' }, confirmLabel);
    const cancel = el('button', { type: 'button', class: 'pg-button' }, 'Cancel');
    form.append(
      el('h2', { id: 'pg-dialog-title' }, title),
      message ? el('p', {}, message) : '',
      field ? el('div', { class: 'pg-field' }, el('label', { for: 'pg-dialog-input' }, input!.label), field) : '',
      error,
      el('div', { class: 'pg-actions' }, ok, cancel),
    );
    this.#dialog.replaceChildren(form);
    return new Promise((resolve) => {
      let answered = false;
      const finish = (value: string | null): void => {
        if (answered) return;
        answered = true;
        if (this.#dialog.open) this.#dialog.close();
        returnFocus?.focus();
        resolve(value);
      };
      cancel.addEventListener('click', () => finish(null));
      this.#dialog.addEventListener('close', () => finish(null), { once: true });
      form.addEventListener('submit', (event) => {
        if (!field) return finish('');
        const problem = input!.validate(field.value.trim());
        if (problem) {
          event.preventDefault();
          error.textContent = problem;
          field.focus();
          return;
        }
        finish(field.value.trim());
      });
      this.#dialog.showModal();
      (field ?? ok).focus();
      field?.select();
    });
  }
}
