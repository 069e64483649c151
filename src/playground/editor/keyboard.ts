/**
 * The editor's keyboard conventions, importable without loading Monaco (the page shows the hint
 * next to the editor before and after it loads).
 *
 * Tab indents inside the editor, as programmers expect, so it must not become a keyboard trap:
 * Esc then Tab leaves (the CodeMirror convention), and Monaco's own Ctrl+M (Ctrl+Shift+M on a
 * Mac) toggles Tab between indenting and moving focus for the rest of the session.
 */
export const EDITOR_KEYBOARD_HINT =
  'Tab indents. To leave the editor, press Esc then Tab, or Ctrl+M (Ctrl+Shift+M on a Mac) to make Tab move focus. Ctrl+Enter (⌘+Enter on a Mac) runs the code.';

/** The Monaco action that runs the code; also listed in the editor's command palette (F1). */
export const RUN_ACTION_ID = 'adapter-lab.run';
