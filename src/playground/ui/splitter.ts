/** Where the divider between code and results is kept (percent of the width given to the code). */
export const SPLIT_KEY = 'adapter-lab:playground:split';
export const SPLIT_MIN = 20;
export const SPLIT_MAX = 80;
export const SPLIT_DEFAULT = 50;
const STEP = 2;
const BIG_STEP = 10;

/** A stored split, or null when there is none or it is not a sane number (storage is the user's). */
export function readSplit(storage: Pick<Storage, 'getItem'> | null): number | null {
  try {
    const raw = storage?.getItem(SPLIT_KEY);
    const value = raw === null || raw === undefined || raw.trim() === '' ? NaN : Number(raw);
    return Number.isFinite(value) ? clampSplit(value) : null;
  } catch {
    return null;
  }
}

export function clampSplit(value: number): number {
  return Math.min(SPLIT_MAX, Math.max(SPLIT_MIN, Math.round(value * 10) / 10));
}

/**
 * The window splitter between code and results (WAI-ARIA `separator`, focusable): drag it,
 * or focus it and use the arrows (Shift for bigger steps), Home/End for the limits, Enter (or
 * a double click) for half and half. It writes `--pg-split` on the container, whose grid uses
 * it; Monaco follows its new size by itself (`automaticLayout` watches its element).
 */
export class Splitter {
  readonly #separator: HTMLElement;
  readonly #container: HTMLElement;
  readonly #storage: Storage | null;
  #value = SPLIT_DEFAULT;

  constructor(separator: HTMLElement, container: HTMLElement, storage: Storage | null) {
    this.#separator = separator;
    this.#container = container;
    this.#storage = storage;
    this.set(readSplit(storage) ?? SPLIT_DEFAULT, false);
    separator.addEventListener('keydown', (event) => this.#keydown(event));
    separator.addEventListener('pointerdown', (event) => this.#drag(event));
    separator.addEventListener('dblclick', () => this.set(SPLIT_DEFAULT));
  }

  get value(): number {
    return this.#value;
  }

  set(value: number, save = true): void {
    this.#value = clampSplit(value);
    this.#container.style.setProperty('--pg-split', `${this.#value}%`);
    const rounded = String(Math.round(this.#value));
    this.#separator.setAttribute('aria-valuenow', rounded);
    this.#separator.setAttribute('aria-valuetext', `Code ${rounded}%, results ${100 - Number(rounded)}%`);
    if (!save) return;
    try {
      this.#storage?.setItem(SPLIT_KEY, String(this.#value));
    } catch {
      // Storage full or refused: the divider still moves, it is just not remembered.
    }
  }

  #keydown(event: KeyboardEvent): void {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const next = {
      ArrowLeft: this.#value - step,
      ArrowDown: this.#value - step,
      ArrowRight: this.#value + step,
      ArrowUp: this.#value + step,
      Home: SPLIT_MIN,
      End: SPLIT_MAX,
      Enter: SPLIT_DEFAULT,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.set(next);
  }

  #drag(event: PointerEvent): void {
    if (event.button !== 0) return;
    event.preventDefault();
    this.#separator.setPointerCapture(event.pointerId);
    this.#container.dataset['resizing'] = 'true';
    const move = (moved: PointerEvent) => {
      const box = this.#container.getBoundingClientRect();
      if (box.width > 0) this.set(((moved.clientX - box.left) / box.width) * 100, false);
    };
    const end = () => {
      this.#separator.removeEventListener('pointermove', move);
      delete this.#container.dataset['resizing'];
      this.set(this.#value);
    };
    this.#separator.addEventListener('pointermove', move);
    this.#separator.addEventListener('lostpointercapture', end, { once: true });
  }
}
