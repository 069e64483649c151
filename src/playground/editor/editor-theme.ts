/**
 * Monaco's theme follows Starlight's: Starlight's theme picker sets `data-theme` ('dark' or
 * 'light', after resolving "auto") on <html>. Monaco themes are global to the page, like
 * Starlight's.
 */
import { editor } from 'monaco-editor/editor/editor.api';

export type MonacoTheme = 'vs' | 'vs-dark';

export function starlightTheme(): MonacoTheme {
  return document.documentElement.dataset['theme'] === 'light' ? 'vs' : 'vs-dark';
}

/** Keeps Monaco's theme in step with the page's until the returned function is called. */
export function followStarlightTheme(): () => void {
  let current = starlightTheme();
  editor.setTheme(current);
  const observer = new MutationObserver(() => {
    const next = starlightTheme();
    if (next === current) return;
    current = next;
    editor.setTheme(next);
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
