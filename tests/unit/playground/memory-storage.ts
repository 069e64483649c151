// Storage doubles for the autosave's tests: an in-memory Storage, and the errors browsers throw.
import type { AutosaveStorage } from '../../../src/playground/store/autosave.ts';

export class MemoryStorage implements AutosaveStorage {
  readonly items = new Map<string, string>();
  writes = 0;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.writes++;
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/** What browsers throw: a DOMException is not always an Error subclass across realms, so duck-typed. */
export function domException(name: string, code = 0): { name: string; code: number; message: string } {
  return { name, code, message: `The operation failed (${name}).` };
}
