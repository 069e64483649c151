import type { Diagnostic } from '../compiler/diagnostics.ts';
import type { CodeEditor } from '../editor/code-editor.ts';
import { EDITOR_KEYBOARD_HINT } from '../editor/keyboard.ts';
import type { TypesId } from '../editor/types-id.ts';
import { DEFAULT_ORM } from '../orm-registry.ts';
import type { SourceFile, SourceLocation } from '../protocol.ts';
import { invalidFileName, sameFiles } from '../store/state.ts';
import type { Dialogs } from '../ui/dialogs.ts';
import { el } from '../ui/dom.ts';
import { TabList } from '../ui/tabs.ts';

export interface CodeAreaEvents {
  /** Files or the open tab changed (an edit, a new file, a rename…). */
  onChange(): void;
  onDiagnostics(diagnostics: readonly Diagnostic[]): void;
  onRunShortcut(): void;
  onEditorState(state: 'loading' | 'ready' | 'failed', detail: string): void;
  /** Whether the build type-checked exactly these files with these declarations (then the editor checks them only when the reader turns to them). */
  checkedByBuild(types: TypesId, files: readonly SourceFile[]): Promise<boolean>;
}

/**
 * The code side of the page: the file tabs (with New, Rename, Delete) and the editor. Until
 * Monaco has loaded, the open file is shown as plain text (read-only), so code is visible at
 * once; the page loads Monaco when the first result is in.
 */
export class CodeArea {
  readonly #events: CodeAreaEvents;
  readonly #dialogs: Dialogs;
  readonly #tabs: TabList;
  readonly #surface: HTMLElement;
  readonly #plain: HTMLPreElement;
  readonly #renameButton: HTMLButtonElement;
  readonly #deleteButton: HTMLButtonElement;
  #files: SourceFile[] = [];
  #active = '';
  #types: TypesId = DEFAULT_ORM;
  #editor: CodeEditor | undefined;
  #loading: Promise<CodeEditor | undefined> | undefined;

  constructor(host: HTMLElement, dialogs: Dialogs, events: CodeAreaEvents) {
    this.#events = events;
    this.#dialogs = dialogs;
    // One tab panel, the editor, for every file tab.
    this.#tabs = new TabList(
      'Files',
      () => 'pg-file-panel',
      (name) => this.#open(name),
    );
    const add = el('button', { type: 'button', class: 'pg-button pg-small' }, 'New file');
    this.#renameButton = el('button', { type: 'button', class: 'pg-button pg-small' }, 'Rename');
    this.#deleteButton = el('button', { type: 'button', class: 'pg-button pg-small' }, 'Delete');
    add.addEventListener('click', () => void this.#add());
    this.#renameButton.addEventListener('click', () => void this.#rename());
    this.#deleteButton.addEventListener('click', () => void this.#delete());
    // The server-rendered code view is reused: it already shows the default example.
    this.#plain = host.querySelector<HTMLPreElement>('[data-code-view]') ?? el('pre', { class: 'pg-code-view' });
    this.#surface = host.querySelector<HTMLElement>('[data-editor]') ?? el('div', { class: 'pg-editor-surface' });
    if (!this.#surface.contains(this.#plain)) this.#surface.replaceChildren(this.#plain);
    this.#surface.id = 'pg-file-panel';
    this.#surface.setAttribute('role', 'tabpanel');
    host.replaceChildren(
      el(
        'div',
        { class: 'pg-file-bar' },
        this.#tabs.element,
        el('div', { class: 'pg-file-actions', role: 'group', 'aria-label': 'File actions' }, add, this.#renameButton, this.#deleteButton),
      ),
      this.#surface,
    );
  }

  get editorReady(): boolean {
    return this.#editor !== undefined;
  }

  files(): SourceFile[] {
    return this.#editor ? this.#editor.files() : this.#files.map((file) => ({ ...file }));
  }

  get active(): string {
    return this.#active;
  }

  /**
   * Shows other files (an example, a link, an ORM switch). The files are in place when this
   * returns — a run started right after takes them; the promise waits for the editor's types.
   */
  set(types: TypesId, files: readonly SourceFile[], active: string): Promise<void> {
    const typesChanged = types !== this.#types;
    this.#types = types;
    this.#files = files.map((file) => ({ ...file }));
    this.#active = files.some((file) => file.name === active) ? active : (files[0]?.name ?? '');
    this.#renderTabs();
    if (!this.#editor) {
      this.#showPlain();
      return Promise.resolve();
    }
    this.#editor.setFiles(this.#files, this.#active);
    void this.#checkUnlessBuilt(this.#editor);
    return typesChanged ? this.#editor.setTypes(types) : Promise.resolve();
  }

  /** Loads Monaco (once) and puts it in place of the plain view. */
  loadEditor(): Promise<CodeEditor | undefined> {
    this.#loading ??= this.#load();
    return this.#loading;
  }

  reveal(location: SourceLocation): void {
    if (!this.#files.some((file) => file.name === location.file)) return;
    if (this.#editor) {
      this.#editor.reveal(location.file, location.line, location.column);
    } else {
      this.#tabs.select(location.file);
      this.#plain.focus();
    }
  }

  source(name: string): string | undefined {
    return this.files().find((file) => file.name === name)?.code;
  }

  focusEditor(): void {
    this.#editor?.focus();
  }

  async #load(): Promise<CodeEditor | undefined> {
    this.#events.onEditorState('loading', 'Loading the editor…');
    try {
      const { loadMonacoEditor } = await import('../editor/load-monaco-editor.ts');
      const createMonacoEditor = await loadMonacoEditor(this.#types);
      const host = el('div', { class: 'pg-monaco' });
      this.#surface.append(host);
      const types = this.#types;
      const editor = await createMonacoEditor(host, types, this.files(), this.#active);
      // Other code may have been put on screen while Monaco loaded (the plain view is read-only,
      // so only set() changes files meanwhile): the editor takes what is on screen now.
      if (types !== this.#types) void editor.setTypes(this.#types);
      if (!sameFiles(editor.files(), this.#files)) editor.setFiles(this.#files, this.#active);
      editor.onChange(() => {
        this.#files = editor.files();
        this.#events.onChange();
      });
      editor.onDiagnostics((diagnostics) => this.#events.onDiagnostics(diagnostics));
      editor.onRunShortcut(() => this.#events.onRunShortcut());
      editor.onOpenFile((name) => {
        this.#active = name;
        this.#renderTabs();
        this.#events.onChange();
      });
      this.#editor = editor;
      void this.#checkUnlessBuilt(editor);
      this.#plain.remove();
      this.#events.onEditorState('ready', `Editor ready. ${EDITOR_KEYBOARD_HINT}`);
      return editor;
    } catch (error) {
      this.#events.onEditorState(
        'failed',
        `The editor could not load: ${error instanceof Error ? error.message : String(error)}. The code stays readable; the built-in examples still run.`,
      );
      this.#loading = undefined;
      return undefined;
    }
  }

  /** Type-checks the code on screen at once unless the build has checked it. */
  async #checkUnlessBuilt(editor: CodeEditor): Promise<void> {
    const types = this.#types;
    const files = this.#files;
    if (!(await this.#events.checkedByBuild(types, files))) editor.checkTypes();
  }

  #open(name: string): void {
    this.#active = name;
    this.#surface.setAttribute('aria-labelledby', this.#tabs.tabId(name));
    if (this.#editor) this.#editor.setActive(name);
    else this.#showPlain();
    this.#events.onChange();
  }

  #showPlain(): void {
    const file = this.#files.find((candidate) => candidate.name === this.#active);
    this.#plain.textContent = file?.code ?? '';
    this.#plain.setAttribute('aria-label', `${this.#active} (read-only until the editor has loaded)`);
    this.#plain.tabIndex = 0;
  }

  #renderTabs(): void {
    this.#tabs.set(
      this.#files.map((file) => ({ id: file.name, label: file.name })),
      this.#active,
    );
    this.#surface.setAttribute('aria-labelledby', this.#tabs.tabId(this.#active));
    this.#deleteButton.disabled = this.#files.length <= 1;
  }

  async #add(): Promise<void> {
    const names = this.files().map((file) => file.name);
    let n = 1;
    while (names.includes(`file${n}.ts`)) n++;
    const name = await this.#dialogs.prompt('New file', 'File name', `file${n}.ts`, 'Create', (value) => invalidFileName(value, names));
    if (!name) return;
    const file = { name, code: `// Import it from another file as "./${name.replace(/\.ts$/, '')}".\nexport {}\n` };
    this.#files = [...this.files(), file];
    this.#editor?.addFile(file);
    this.#active = name;
    this.#renderTabs();
    this.#open(name);
  }

  async #rename(): Promise<void> {
    const from = this.#active;
    const names = this.files()
      .map((file) => file.name)
      .filter((name) => name !== from);
    const to = await this.#dialogs.prompt(`Rename ${from}`, 'New name', from, 'Rename', (value) => (value === from ? null : invalidFileName(value, names)));
    if (!to || to === from) return;
    this.#files = this.files().map((file) => (file.name === from ? { ...file, name: to } : file));
    this.#editor?.renameFile(from, to);
    this.#active = to;
    this.#renderTabs();
    this.#open(to);
  }

  async #delete(): Promise<void> {
    const name = this.#active;
    if (this.#files.length <= 1) return;
    if (!(await this.#dialogs.confirm(`Delete ${name}?`, `${name} and its code will be removed. Imports of it will fail.`, 'Delete'))) return;
    this.#files = this.files().filter((file) => file.name !== name);
    this.#editor?.removeFile(name);
    this.#active = this.#files[0]!.name;
    this.#renderTabs();
    this.#open(this.#active);
  }
}
