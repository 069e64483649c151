import { startLayout } from './layout.ts';
import { PlaygroundApp } from './playground-app.ts';

/** Boots the playground page (the runtime for the state's ORM starts downloading at once). */
export function startPlayground(root: HTMLElement): void {
  try {
    startLayout(root);
    new PlaygroundApp(root);
  } catch (error) {
    const status = root.querySelector('[data-status-line]');
    if (status) status.textContent = `The playground could not start: ${error instanceof Error ? error.message : String(error)}`;
    throw error;
  }
}
