/**
 * Esc then Tab leaves the editor (WCAG 2.1.2, no keyboard trap), while Tab alone still indents.
 * Escape arms Monaco's `tabFocusMode` option, under which Monaco leaves Tab to the browser's
 * focus navigation; any other key, a click or leaving the editor disarms it again. The
 * option is ORed with the page-wide mode Ctrl+M toggles, which this leaves alone.
 */
import { KeyCode, type IDisposable, type editor } from 'monaco-editor/editor/editor.api';

// Pressed on their own before Shift+Tab or a shortcut: they must not disarm.
const MODIFIERS = new Set([KeyCode.Shift, KeyCode.Ctrl, KeyCode.Alt, KeyCode.Meta]);

export function escapeThenTab(codeEditor: editor.IStandaloneCodeEditor): IDisposable {
  let armed = false;
  const setArmed = (value: boolean): void => {
    if (armed === value) return;
    armed = value;
    codeEditor.updateOptions({ tabFocusMode: value });
  };
  const subscriptions = [
    codeEditor.onKeyDown((event) => {
      if (event.keyCode === KeyCode.Escape) setArmed(true);
      else if (event.keyCode !== KeyCode.Tab && !MODIFIERS.has(event.keyCode)) setArmed(false);
    }),
    codeEditor.onMouseDown(() => setArmed(false)),
    codeEditor.onDidBlurEditorText(() => setArmed(false)),
  ];
  return {
    dispose() {
      for (const subscription of subscriptions) subscription.dispose();
    },
  };
}
