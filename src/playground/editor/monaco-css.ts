/**
 * Monaco's stylesheets, attached by the editor itself when its code loads. vite-plugin.ts turns
 * each `import './x.css'` inside monaco-editor into a call here with the CSS text: left to
 * Astro, every one of them becomes a render-blocking <link> in the page's <head>, although the
 * editor loads later with a dynamic import().
 */
const pending: string[] = [];
let sheet: HTMLStyleElement | undefined;
let scheduled = false;

/** Queues one module's CSS; the queue is written out once, after the modules have run. */
export function adoptMonacoCss(css: string): void {
  pending.push(css);
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(flushMonacoCss);
}

/** Writes the queued CSS now (before the first editor is created, so it never renders unstyled). */
export function flushMonacoCss(): void {
  scheduled = false;
  if (pending.length === 0) return;
  if (!sheet) {
    sheet = document.createElement('style');
    sheet.dataset['monacoEditorCss'] = '';
    document.head.append(sheet);
  }
  // One text node per batch, in module order: the cascade stays the one Monaco was written for.
  sheet.append(pending.join('\n'));
  pending.length = 0;
}
