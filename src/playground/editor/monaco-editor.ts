/**
 * The playground's CodeEditor: Monaco with TypeScript's language service, typed by the ORM's
 * type bundle and checking with the playground's options, so what it reports is what
 * compile-project.ts reports in Node for the same files. It never compiles for a run: the
 * page's transpiler does (compiler/transpiler-client.ts), so no result waits for Monaco.
 *
 * This module pulls in all of Monaco (and its CSS, see vite-plugin.ts): the page reaches it only
 * through a dynamic import (load-monaco-editor.ts). The container needs a height of its own;
 * Monaco fills it and follows its size (automaticLayout).
 */
import './monaco-environment.ts';
// Every editor contribution (suggest, hover, find, …) before the first editor exists: Monaco
// attaches contributions when an editor is created, and the TypeScript mode would otherwise
// load them only later, lazily.
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import { editor, KeyCode, KeyMod, Uri, type IDisposable, type IPosition, type IRange } from 'monaco-editor/editor/editor.api';
import {
  typescriptDefaults,
  type CompilerOptions,
  type Diagnostic as TsDiagnostic,
  type TypeScriptWorker,
} from 'monaco-editor/languages/features/typescript/register';
import { COMPILER_OPTIONS } from '../compiler/compile-options.ts';
import { fileUri, type Diagnostic } from '../compiler/diagnostics.ts';
import type { SourceFile } from '../protocol.ts';
import type { CodeEditor, CreateCodeEditor } from './code-editor.ts';
import { followStarlightTheme, starlightTheme } from './editor-theme.ts';
import { escapeThenTab } from './escape-then-tab.ts';
import { EDITOR_KEYBOARD_HINT, RUN_ACTION_ID } from './keyboard.ts';
import { flushMonacoCss } from './monaco-css.ts';
import { toDiagnostic, toMarker } from './monaco-diagnostics.ts';
import { extraLibs, loadTypeBundle, type TypesId } from './type-bundles.ts';
import { typeScriptWorker } from './typescript-worker.ts';

export { EDITOR_KEYBOARD_HINT };

/** How long typing must pause before every file is checked again. */
const SETTLE_MS = 400;
const MARKER_OWNER = 'adapter-lab';
/** Editor features that query TypeScript's worker for a model as soon as it is shown (see startChecking). */
const WORKER_ON_SHOW_OFF: editor.IEditorOptions = {
  lightbulb: { enabled: editor.ShowLightbulbIconMode.Off },
  stickyScroll: { enabled: false },
  occurrencesHighlight: 'off',
};
const WORKER_ON_SHOW_ON: editor.IEditorOptions = {
  lightbulb: { enabled: editor.ShowLightbulbIconMode.OnCode },
  stickyScroll: { enabled: true },
  occurrencesHighlight: 'singleFile',
};
const FALLBACK_MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";

interface OpenFile {
  readonly name: string;
  readonly model: editor.ITextModel;
  /** Cursor, selection and scroll while another file is shown. */
  viewState: editor.ICodeEditorViewState | null;
  readonly subscription: IDisposable;
}

interface FileCheck {
  readonly file: OpenFile;
  readonly syntactic: TsDiagnostic[];
  readonly semantic: TsDiagnostic[];
  readonly suggestion: TsDiagnostic[];
}

interface Check {
  readonly files: readonly FileCheck[];
  /** False when a file changed (or went) while the worker was checking: the result is stale. */
  readonly fresh: boolean;
}

/**
 * Monaco's TypeScript settings are page-wide. Set before the first TypeScript model exists, so
 * the worker starts with them rather than restarting (every change of these restarts it).
 */
function configureTypeScript(): void {
  // Plain numbers (see compile-options.ts): Monaco's enum copies lack moduleResolution 100
  // (Bundler), which its TypeScript 5.9 accepts.
  typescriptDefaults.setCompilerOptions({ ...COMPILER_OPTIONS, lib: [...COMPILER_OPTIONS.lib] } as unknown as CompilerOptions);
  // Monaco's own diagnostics recheck only the file that was edited, so an edit in auth.ts would
  // leave run.ts's squiggles stale. This editor checks every file after each edit instead and
  // draws the result (syntax, semantic and suggestion diagnostics, as Monaco would).
  typescriptDefaults.setModeConfiguration({ ...typescriptDefaults.modeConfiguration, diagnostics: false });
  // Every model reaches the worker when it starts, so imports between files resolve at once.
  typescriptDefaults.setEagerModelSync(true);
}

function monoFont(container: HTMLElement): string {
  return getComputedStyle(container).getPropertyValue('--sl-font-mono').trim() || FALLBACK_MONO;
}

const ariaLabel = (name: string): string => `${name} — TypeScript`;

function emit<A extends unknown[]>(listeners: readonly ((...args: A) => void)[], ...args: A): void {
  for (const listener of listeners) {
    // One failing listener must not keep the others (or the editor) from running.
    try {
      listener(...args);
    } catch (error) {
      reportError(error);
    }
  }
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export const createMonacoEditor: CreateCodeEditor = async (container, types, initialFiles, initialActive) => {
  configureTypeScript();
  let disposed = false;
  let files: OpenFile[] = [];
  let active: OpenFile | undefined;
  const changeListeners: (() => void)[] = [];
  const diagnosticsListeners: ((diagnostics: readonly Diagnostic[]) => void)[] = [];
  const runListeners: (() => void)[] = [];
  const openFileListeners: ((name: string) => void)[] = [];

  // --- Types ------------------------------------------------------------------------------

  let typesToken = 0;
  let typesReady: Promise<void> = Promise.resolve();

  /** Loads an ORM's declarations (or its official adapter's) into the worker; the latest call wins. */
  function useTypes(next: TypesId): Promise<void> {
    const token = ++typesToken;
    const ready = (async () => {
      const bundle = await loadTypeBundle(next);
      if (token !== typesToken || disposed) return;
      typescriptDefaults.setExtraLibs(extraLibs(bundle));
      // Monaco hands new libraries to a running worker from a 0 ms timer of its own: a request
      // sent before it fires would still be answered with the previous ORM's declarations.
      await nextTask();
    })();
    typesReady = ready;
    return ready;
  }

  /** Waits for the latest useTypes(), even one started while waiting for an earlier one. */
  async function typesSettled(): Promise<void> {
    let awaited: Promise<void>;
    do {
      awaited = typesReady;
      await awaited;
    } while (awaited !== typesReady);
  }

  // Fetched while the editor is created, not after.
  const initialTypes = useTypes(types);
  initialTypes.catch(() => undefined);

  // --- Files ------------------------------------------------------------------------------

  function openModel(source: SourceFile): OpenFile {
    const uri = Uri.parse(fileUri(source.name));
    // A model left by an earlier editor on this page would make createModel throw.
    editor.getModel(uri)?.dispose();
    const model = editor.createModel(source.code, 'typescript', uri);
    model.updateOptions({ tabSize: 2, indentSize: 2, insertSpaces: true });
    const subscription = model.onDidChangeContent(() => {
      emit(changeListeners);
      if (checking) scheduleDiagnostics(SETTLE_MS);
      else startChecking();
    });
    return { name: source.name, model, viewState: null, subscription };
  }

  function closeModel(file: OpenFile): void {
    file.subscription.dispose();
    // Markers belong to the URI, not the model: a new file of the same name would inherit them.
    editor.setModelMarkers(file.model, MARKER_OWNER, []);
    file.model.dispose();
  }

  const fileNamed = (name: string): OpenFile | undefined => files.find((file) => file.name === name);

  function fileOrThrow(name: string): OpenFile {
    const file = fileNamed(name);
    if (!file) throw new RangeError(`The editor has no file named "${name}"`);
    return file;
  }

  /** The reader's file behind a URI the worker reports (`file:///run.ts`, maybe %-encoded). */
  function fileAt(fileName: string): OpenFile | undefined {
    return files.find((file) => file.model.uri.toString() === fileName || file.model.uri.toString(true) === fileName);
  }

  function show(file: OpenFile | undefined): void {
    if (file === active && codeEditor.getModel() === (file?.model ?? null)) return;
    if (active && !active.model.isDisposed() && codeEditor.getModel() === active.model) active.viewState = codeEditor.saveViewState();
    active = file;
    codeEditor.setModel(file?.model ?? null);
    if (!file) return;
    if (file.viewState) codeEditor.restoreViewState(file.viewState);
    codeEditor.updateOptions({ ariaLabel: ariaLabel(file.name) });
  }

  // --- Diagnostics ------------------------------------------------------------------------

  let diagnosticsTimer: ReturnType<typeof setTimeout> | undefined;
  let diagnosticsRun = 0;
  let published: string | undefined;

  async function check(worker: TypeScriptWorker, snapshot: readonly OpenFile[]): Promise<Check> {
    // Files replaced (an example, an ORM switch) while the worker was being fetched.
    if (snapshot.some((file) => file.model.isDisposed())) return { files: [], fresh: false };
    const versions = snapshot.map((file) => file.model.getVersionId());
    const stale = (): boolean =>
      snapshot.some((file, i) => file.model.isDisposed() || file.model.getVersionId() !== versions[i]) || snapshot.length !== files.length;
    try {
      const checked = await Promise.all(
        snapshot.map(async (file): Promise<FileCheck> => {
          const uri = file.model.uri.toString();
          const [syntactic, semantic, suggestion] = await Promise.all([
            worker.getSyntacticDiagnostics(uri),
            worker.getSemanticDiagnostics(uri),
            worker.getSuggestionDiagnostics(uri),
          ]);
          return { file, syntactic, semantic, suggestion };
        }),
      );
      return { files: checked, fresh: !stale() };
    } catch (error) {
      // A file removed mid-check is unknown to the worker by the time it is asked.
      if (stale()) return { files: [], fresh: false };
      throw error;
    }
  }

  function diagnosticsOf(result: Check): Diagnostic[] {
    return result.files.flatMap(({ file, syntactic, semantic, suggestion }) => [
      ...syntactic.map((d) => toDiagnostic(file.model, file.name, d, true)),
      ...semantic.map((d) => toDiagnostic(file.model, file.name, d, false)),
      ...suggestion.map((d) => toDiagnostic(file.model, file.name, d, false)),
    ]);
  }

  /** Draws the squiggles and tells the listeners, if the result still describes the files. */
  function publish(result: Check, diagnostics: readonly Diagnostic[]): void {
    if (!result.fresh || disposed) return;
    for (const { file, syntactic, semantic, suggestion } of result.files) {
      const model = file.model;
      const markers = [...syntactic, ...semantic, ...suggestion].map((d) => toMarker(model, d, (name) => fileAt(name)?.model));
      editor.setModelMarkers(model, MARKER_OWNER, markers);
    }
    const text = JSON.stringify(diagnostics);
    if (text === published) return;
    published = text;
    emit(diagnosticsListeners, diagnostics);
  }

  async function refreshDiagnostics(): Promise<void> {
    const run = ++diagnosticsRun;
    try {
      await typesSettled();
      const snapshot = [...files];
      const worker = await typeScriptWorker(snapshot.map((file) => file.model.uri));
      const result = await check(worker, snapshot);
      if (run === diagnosticsRun) publish(result, diagnosticsOf(result));
    } catch (error) {
      if (!disposed) console.error('Adapter Lab editor: could not check the files', error);
    }
  }

  /*
   * TypeScript's worker costs seconds of CPU to start (its compiler and the ORM's declarations):
   * not spent on code the build has already checked until the reader turns to it (see
   * CodeEditor.checkTypes). Once started, every change is checked.
   */
  let checking = false;

  function startChecking(): void {
    if (checking || disposed) return;
    checking = true;
    codeEditor.updateOptions(WORKER_ON_SHOW_ON);
    scheduleDiagnostics(0);
  }

  function scheduleDiagnostics(delay: number): void {
    if (disposed || !checking) return;
    clearTimeout(diagnosticsTimer);
    diagnosticsTimer = setTimeout(() => void refreshDiagnostics(), delay);
  }

  // --- The editor -------------------------------------------------------------------------

  flushMonacoCss();
  files = initialFiles.map(openModel);
  const codeEditor = editor.create(container, {
    model: null,
    theme: starlightTheme(),
    automaticLayout: true,
    minimap: { enabled: false },
    accessibilitySupport: 'auto',
    fontFamily: monoFont(container),
    fontSize: 14,
    lineHeight: 22,
    scrollBeyondLastLine: false,
    // Hovers and suggestions may extend past a small editor's box (the page's panels clip).
    fixedOverflowWidgets: true,
    // TypeScript's completions only: words from the text would crowd them.
    wordBasedSuggestions: 'off',
    padding: { top: 8, bottom: 8 },
    // TypeScript's inlay hints are all off (typescriptDefaults): asking for none would still start its worker.
    inlayHints: { enabled: 'off' },
    // These ask TypeScript's worker for the code as soon as it is shown: on once checking starts.
    ...WORKER_ON_SHOW_OFF,
  });
  show(fileNamed(initialActive) ?? files[0]);

  const disposables: IDisposable[] = [
    codeEditor.addAction({
      id: RUN_ACTION_ID,
      label: 'Run the code',
      // Ctrl+Enter is Monaco's "insert line below": a keybinding added later wins, and the
      // event stops here, so the page's own Ctrl+Enter handler (if any) does not run twice.
      keybindings: [KeyMod.CtrlCmd | KeyCode.Enter, KeyMod.WinCtrl | KeyCode.Enter],
      run: () => emit(runListeners),
    }),
    escapeThenTab(codeEditor),
    // The reader turns to the code: its types are wanted soon (hovers, completions, squiggles).
    codeEditor.onDidFocusEditorText(startChecking),
    codeEditor.onMouseMove(startChecking),
    // "Go to definition" into another of the reader's files opens that file's tab.
    editor.registerEditorOpener({
      openCodeEditor(source, resource, selectionOrPosition) {
        const file = source === codeEditor ? fileAt(resource.toString()) : undefined;
        if (!file) return false;
        const at = startOf(selectionOrPosition);
        api.reveal(file.name, at.lineNumber, at.column);
        return true;
      },
    }),
  ];
  const stopTheme = followStarlightTheme();

  const api: CodeEditor = {
    setFiles(next, activeName) {
      show(undefined);
      for (const file of files) closeModel(file);
      files = next.map(openModel);
      show(fileNamed(activeName) ?? files[0]);
      scheduleDiagnostics(0);
    },
    setTypes(next) {
      const ready = useTypes(next);
      // Every file is checked again with the new declarations, once they are in the worker.
      ready.then(
        () => scheduleDiagnostics(0),
        () => undefined,
      );
      return ready;
    },
    setActive(name) {
      show(fileOrThrow(name));
    },
    addFile(file) {
      if (fileNamed(file.name)) throw new RangeError(`The editor already has a file named "${file.name}"`);
      files.push(openModel(file));
      scheduleDiagnostics(0);
    },
    renameFile(from, to) {
      const old = fileOrThrow(from);
      if (from === to) return;
      if (fileNamed(to)) throw new RangeError(`The editor already has a file named "${to}"`);
      // A model's URI is fixed: the renamed file is a new model (its own undo history starts over).
      const wasActive = old === active;
      const renamed = openModel({ name: to, code: old.model.getValue() });
      renamed.viewState = wasActive ? codeEditor.saveViewState() : old.viewState;
      files[files.indexOf(old)] = renamed;
      if (wasActive) show(renamed);
      closeModel(old);
      scheduleDiagnostics(0);
    },
    removeFile(name) {
      const index = files.indexOf(fileOrThrow(name));
      const [removed] = files.splice(index, 1);
      if (removed === active) {
        // The neighbour takes over the editor; the page hears of it like of any other switch.
        const next = files[Math.min(index, files.length - 1)];
        show(next);
        if (next) emit(openFileListeners, next.name);
      }
      if (removed) closeModel(removed);
      scheduleDiagnostics(0);
    },
    files() {
      return files.map((file) => ({ name: file.name, code: file.model.getValue() }));
    },
    onChange(listener) {
      changeListeners.push(listener);
    },
    checkTypes: startChecking,
    onDiagnostics(listener) {
      diagnosticsListeners.push(listener);
    },
    onRunShortcut(listener) {
      runListeners.push(listener);
    },
    reveal(name, line, column) {
      const file = fileNamed(name);
      if (!file) return;
      const switched = file !== active;
      show(file);
      if (switched) emit(openFileListeners, name);
      const position = file.model.validatePosition({ lineNumber: line, column });
      codeEditor.setPosition(position);
      codeEditor.revealLineInCenter(position.lineNumber);
      codeEditor.focus();
    },
    onOpenFile(listener) {
      openFileListeners.push(listener);
    },
    focus() {
      codeEditor.focus();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      clearTimeout(diagnosticsTimer);
      stopTheme();
      for (const disposable of disposables) disposable.dispose();
      codeEditor.dispose();
      for (const file of files) closeModel(file);
      files = [];
      active = undefined;
      for (const listeners of [changeListeners, diagnosticsListeners, runListeners, openFileListeners]) listeners.length = 0;
    },
  };

  try {
    await initialTypes;
  } catch (error) {
    api.dispose();
    throw error;
  }
  return api;
};

function startOf(selectionOrPosition: IRange | IPosition | undefined): IPosition {
  if (!selectionOrPosition) return { lineNumber: 1, column: 1 };
  if ('startLineNumber' in selectionOrPosition) return { lineNumber: selectionOrPosition.startLineNumber, column: selectionOrPosition.startColumn };
  return selectionOrPosition;
}
