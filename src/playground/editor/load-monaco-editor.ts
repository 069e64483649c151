/**
 * The page's way in: loads Monaco (a few MB, with its CSS and workers) only when called, and
 * fetches the ORM's type declarations at the same time instead of after it.
 */
import type { OrmId } from '../protocol.ts';
import type { CreateCodeEditor } from './code-editor.ts';
import { loadTypeBundle } from './type-bundles.ts';

export async function loadMonacoEditor(orm?: OrmId): Promise<CreateCodeEditor> {
  // Started, not awaited: createMonacoEditor imports the same module and finds it cached.
  if (orm) loadTypeBundle(orm).catch(() => undefined);
  const { createMonacoEditor } = await import('./monaco-editor.ts');
  return createMonacoEditor;
}
