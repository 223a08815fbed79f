import { describe, expect, it } from 'vitest';
import { divideRounded, divideUp, percent, ratio } from '../../src/data/ratio.ts';

describe('exact division', () => {
  it('rounds ratios and percentages from exact numbers', () => {
    expect(ratio(7n, 8n)).toBe(0.875);
    expect(ratio(1n, 3n, 4)).toBe(0.3333);
    expect(percent(7n, 8n)).toBe('87.5%');
    expect(percent(1n, 3n)).toBe('33.3%');
    expect(percent(2n, 3n)).toBe('66.7%');
    expect(percent(-1n, 8n, 2)).toBe('-12.5%');
    expect(divideUp(7n, 2n)).toBe(4n);
    expect(divideUp(8n, 2n)).toBe(4n);
  });

  it('rounds halves away from zero', () => {
    expect(divideRounded(7n, 2n)).toBe(4n);
    expect(divideRounded(-7n, 2n)).toBe(-4n);
    expect(divideRounded(5n, 3n)).toBe(2n);
    expect(() => divideRounded(1n, 0n)).toThrow(RangeError);
  });
});
