/**
 * Where Monaco gets its Web Workers: Vite builds each as its own script (`?worker`, a classic
 * IIFE with this project's worker settings), so the editor needs no worker URLs at run time.
 * Without this, Monaco's TypeScript support would construct its worker from its own
 * `new URL('ts.worker.js', import.meta.url)`, and the editor's worker would run on the page's
 * main thread.
 */
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';

self.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string): Worker {
    // 'typescript' and 'javascript' share the language service worker; every other label is
    // the editor's own worker (diff computation, links, word-based features).
    if (label === 'typescript' || label === 'javascript') return new TypeScriptWorker();
    return new EditorWorker();
  },
};
