import type { Diagnostic } from '../compiler/diagnostics.ts';
import type { SourceFile } from '../protocol.ts';
import type { TypesId } from './types-id.ts';

/** What the page needs from an editor: Monaco (monaco-editor.ts) implements it. */
export interface CodeEditor {
  /** Replaces every file (an example, a share link, an ORM switch) and opens `active`. */
  setFiles(files: readonly SourceFile[], active: string): void;
  /** Switches the type declarations to another ORM's, or to its official adapter's (the files are set separately). */
  setTypes(types: TypesId): Promise<void>;
  /** Opens a file's tab content (the page draws the tabs). */
  setActive(name: string): void;
  /** Adds, renames or removes one file without touching the others' undo history. */
  addFile(file: SourceFile): void;
  renameFile(from: string, to: string): void;
  removeFile(name: string): void;
  /** The current text of every file, in the order they were given. */
  files(): SourceFile[];
  /** Called (debounced by the caller if needed) after every edit. */
  onChange(listener: () => void): void;
  /**
   * Starts type-checking (TypeScript's worker: seconds of CPU), if it has not started. Until then
   * the editor checks nothing; it starts by itself when the reader turns to the code (focus, the
   * pointer over it, an edit).
   */
  checkTypes(): void;
  /** Called with every file's diagnostics whenever they change (after edits settle). */
  onDiagnostics(listener: (diagnostics: readonly Diagnostic[]) => void): void;
  /** Ctrl/Cmd+Enter inside the editor. */
  onRunShortcut(listener: () => void): void;
  /** Moves the cursor to a place (opens that file's tab through `onOpenFile`) and focuses. */
  reveal(file: string, line: number, column: number): void;
  onOpenFile(listener: (name: string) => void): void;
  focus(): void;
  dispose(): void;
}

/** Creates the Monaco editor in `container`, typed by `types` (its type bundle is loaded here). */
export type CreateCodeEditor = (container: HTMLElement, types: TypesId, files: readonly SourceFile[], active: string) => Promise<CodeEditor>;
