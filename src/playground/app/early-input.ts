/**
 * What the reader did to the toolbar before the page's module ran (the toolbar is in the HTML
 * and clickable at once): an inline script notes ORM, database and adapter choices, example choices and Run presses,
 * and the app replays them in order once it is up, so an early click is never lost.
 *
 * `captureEarlyInput` is serialised into the page (index.astro): it must not use anything from
 * outside its own body.
 */
export type EarlyInput =
  | { readonly kind: 'orm'; readonly value: string }
  | { readonly kind: 'engine'; readonly value: string }
  | { readonly kind: 'implementation'; readonly value: string }
  | { readonly kind: 'example'; readonly value: string }
  | { readonly kind: 'run' };

export const EARLY_INPUT_GLOBAL = '__adapterLabEarlyInput';

export function captureEarlyInput(globalName: string): void {
  const inputs: Array<{ kind: string; value?: string }> = [];
  (window as unknown as Record<string, unknown>)[globalName] = inputs;
  const root = document.querySelector('[data-playground]');
  if (!root) return;
  const noting = (): boolean => (window as unknown as Record<string, unknown>)[globalName] === inputs;
  root.addEventListener('change', (event) => {
    if (!noting()) return;
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    if (target.matches('input[name="pg-orm"]') && (target as HTMLInputElement).checked) inputs.push({ kind: 'orm', value: target.value });
    else if (target.matches('input[name="pg-engine"]') && (target as HTMLInputElement).checked) inputs.push({ kind: 'engine', value: target.value });
    else if (target.matches('input[name="pg-implementation"]') && (target as HTMLInputElement).checked)
      inputs.push({ kind: 'implementation', value: target.value });
    else if (target.matches('[data-examples]')) inputs.push({ kind: 'example', value: target.value });
  });
  root.addEventListener('click', (event) => {
    if (noting() && (event.target as Element).closest('[data-run]')) inputs.push({ kind: 'run' });
  });
}

/** Takes the inputs noted so far and stops noting (the app's own listeners take over). */
export function takeEarlyInput(): EarlyInput[] {
  const slot = window as unknown as Record<string, unknown>;
  const inputs = slot[EARLY_INPUT_GLOBAL];
  // The inline listeners stop noting once the slot no longer holds their array.
  slot[EARLY_INPUT_GLOBAL] = null;
  return Array.isArray(inputs) ? inputs.filter(isEarlyInput) : [];
}

function isEarlyInput(value: unknown): value is EarlyInput {
  if (typeof value !== 'object' || value === null) return false;
  const input = value as { kind?: unknown; value?: unknown };
  return (
    input.kind === 'run' ||
    ((input.kind === 'orm' || input.kind === 'engine' || input.kind === 'implementation' || input.kind === 'example') && typeof input.value === 'string')
  );
}
