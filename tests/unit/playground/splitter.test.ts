// The divider's remembered position: only a sane number is taken from storage.
import { describe, expect, it } from 'vitest';
import { SPLIT_KEY, SPLIT_MAX, SPLIT_MIN, clampSplit, readSplit } from '../../../src/playground/ui/splitter.ts';

const storage = (value: string | null) => ({ getItem: (key: string) => (key === SPLIT_KEY ? value : null) });

describe('the split position', () => {
  it('is read from its own key, kept within the limits', () => {
    expect(readSplit(storage('37.5'))).toBe(37.5);
    expect(readSplit(storage('5'))).toBe(SPLIT_MIN);
    expect(readSplit(storage('95'))).toBe(SPLIT_MAX);
  });

  it('is absent when nothing sane is stored, or storage refuses', () => {
    expect(readSplit(storage(null))).toBeNull();
    expect(readSplit(storage('wide'))).toBeNull();
    expect(readSplit(storage(''))).toBeNull();
    expect(readSplit(null)).toBeNull();
    expect(
      readSplit({
        getItem: () => {
          throw new Error('SecurityError');
        },
      }),
    ).toBeNull();
  });

  it('rounds to a tenth of a percent', () => {
    expect(clampSplit(41.234)).toBe(41.2);
  });
});
