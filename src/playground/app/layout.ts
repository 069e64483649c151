import { browserStorage } from '../store/autosave.ts';
import { DisclosureMenu } from '../ui/disclosure-menu.ts';
import { Splitter } from '../ui/splitter.ts';

export type View = 'code' | 'results';

/**
 * The page's frame around the app: the toolbar's menus (Share, Settings), the divider between
 * code and results, and on a narrow screen the Code | Results switch. It knows nothing of runs
 * except that one ended: then the Results choice gets a "new" mark while the code is shown —
 * the reader decides when to look.
 */
export function startLayout(root: HTMLElement): void {
  for (const menu of root.querySelectorAll<HTMLElement>('[data-menu]')) {
    const button = menu.querySelector<HTMLButtonElement>('[data-menu-button]');
    const panel = menu.querySelector<HTMLElement>('[data-menu-panel]');
    if (button && panel) new DisclosureMenu(button, panel);
  }
  const divider = root.querySelector<HTMLElement>('[data-divider]');
  const workspace = root.querySelector<HTMLElement>('[data-workspace]');
  if (divider && workspace) new Splitter(divider, workspace, browserStorage());

  const newResults = root.querySelector<HTMLElement>('[data-new-results]');
  const views = [...root.querySelectorAll<HTMLInputElement>('input[name="pg-view"]')];
  const show = (view: View) => {
    root.dataset['view'] = view;
    for (const radio of views) radio.checked = radio.value === view;
    if (view === 'results' && newResults) newResults.hidden = true;
  };
  for (const radio of views) radio.addEventListener('change', () => radio.checked && show(radio.value as View));
  show('code');
  // The app counts its outcomes in data-runs (also what tests and the bench wait for).
  new MutationObserver(() => {
    if (newResults && root.dataset['view'] === 'code') newResults.hidden = false;
  }).observe(root, { attributeFilter: ['data-runs'] });
}
