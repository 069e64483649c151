/**
 * `<adapter-lab-example>`: the "Run here" button of a docs example. This module is all a docs
 * page loads for it (a few hundred bytes); the runtime (worker, sql.js, the ORM) downloads only
 * when the reader clicks.
 */
class InlineExample extends HTMLElement {
  connectedCallback(): void {
    const button = this.querySelector<HTMLButtonElement>('.docs-example-run');
    if (!button || button.dataset['ready']) return;
    button.dataset['ready'] = 'true';
    button.disabled = false;
    button.addEventListener('click', () => void this.#run(button));
  }

  async #run(button: HTMLButtonElement): Promise<void> {
    const status = this.querySelector<HTMLElement>('[data-example-status]')!;
    button.disabled = true;
    delete this.dataset['ran'];
    status.textContent = 'Loading SQLite and the ORM…';
    try {
      const { runInlineExample } = await import('./run-inline-example.ts');
      await runInlineExample(this, (message) => (status.textContent = message));
    } catch (error) {
      status.textContent = `Could not run the example: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      button.disabled = false;
      button.textContent = 'Run again';
    }
  }
}

if (!customElements.get('adapter-lab-example')) customElements.define('adapter-lab-example', InlineExample);
