import { describe, expect, it } from 'vitest';
import { countText } from '../../../src/playground/count-text.ts';

describe('countText', () => {
  it("writes integers as toLocaleString('en') does, at every number of digits and sign", () => {
    const values = [0, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 10_000, 123_456, 999_999, 1_000_000, 4_500_000, 300_000];
    for (let digits = 1; digits <= 16; digits++) {
      const largest = 10 ** digits - 1;
      values.push(largest, 10 ** (digits - 1), Math.floor(largest / 7));
    }
    values.push(Number.MAX_SAFE_INTEGER);
    for (const value of [...values, ...values.map((value) => -value).filter((value) => value !== 0)])
      expect(countText(value), String(value)).toBe(value.toLocaleString('en'));
  });

  it('leaves what is not a safe integer to Intl', () => {
    for (const value of [1.5, 1234.5678, -0.25, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])
      expect(countText(value), String(value)).toBe(value.toLocaleString('en'));
  });
});
