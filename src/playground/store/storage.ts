/**
 * localStorage as the playground's stores use it: every call guarded, because storage can be
 * missing, blocked, full, or hold anything at all, and every failure worded for the reader.
 */

export type AutosaveStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type SaveResult = { ok: true } | { ok: false; message: string };

/** `localStorage`, or null where merely touching it throws (blocked site data, some sandboxes). */
export function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function writeText(storage: AutosaveStorage | null, key: string, text: string): SaveResult {
  if (!storage) return { ok: false, message: unavailable('no storage is available — a private window or blocked site data can cause this') };
  try {
    storage.setItem(key, text);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: storageProblem(error) };
  }
}

/** The stored text, null when there is none (or no storage), or why reading failed. */
export function readText(storage: AutosaveStorage | null, key: string): string | null | { error: string } {
  if (!storage) return null;
  try {
    return storage.getItem(key);
  } catch (error) {
    return { error: storageProblem(error) };
  }
}

/** Whether the key is gone afterwards. */
export function removeKey(storage: AutosaveStorage | null, key: string): boolean {
  try {
    storage?.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

export function isQuotaError(error: unknown): boolean {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  // Firefox used its own name for a full storage; old WebKit only set the legacy code 22.
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22;
}

export const STORAGE_FULL =
  "Autosave is paused: the browser's storage for this site is full. Your code is still here; copy a share link to keep it, or free space by clearing other site data.";

function unavailable(why: string): string {
  return `Autosave is off: this browser does not let the playground store data (${why}). Copy a share link to keep your work.`;
}

function storageProblem(error: unknown): string {
  if (isQuotaError(error)) return STORAGE_FULL;
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  if (name === 'SecurityError') return unavailable("site data is blocked in the browser's settings");
  const detail =
    error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)
      ? String((error as { message: unknown }).message)
      : String(error);
  return `Autosave failed: ${detail}. Copy a share link to keep your work.`;
}
