/**
 * The page's way in: loads Monaco (a few MB, with its CSS and workers) only when called, and
 * fetches the ORM's type declarations at the same time instead of after it.
 */
import type { CreateCodeEditor } from './code-editor.ts';
import { loadTypeBundle, type TypesId } from './type-bundles.ts';

export async function loadMonacoEditor(types?: TypesId): Promise<CreateCodeEditor> {
  // Started, not awaited: createMonacoEditor imports the same module and finds it cached.
  if (types) loadTypeBundle(types).catch(() => undefined);
  const { createMonacoEditor } = await import('./monaco-editor.ts');
  return createMonacoEditor;
}
