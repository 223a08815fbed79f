import { describe, expect, it } from 'vitest';
import { renderHistogram } from '../../src/cli/output/histogram.ts';
import { formatBytes, formatCount, plural, renderTable } from '../../src/cli/output/table.ts';

describe('CLI output helpers', () => {
  it('aligns tables, right-aligning all-numeric columns', () => {
    expect(
      renderTable([
        ['examples', '1,234'],
        ['tokens', '56,789'],
      ]),
    ).toBe('examples   1,234\ntokens    56,789');
    expect(
      renderTable([
        ['a', 'text'],
        ['bbb', '12'],
      ]),
    ).toBe('a    text\nbbb  12');
  });

  it('ignores colour codes when measuring', () => {
    expect(
      renderTable([
        ['\x1b[31mred\x1b[39m', 'x'],
        ['blue', 'y'],
      ]),
    ).toBe('\x1b[31mred\x1b[39m   x\nblue  y');
  });

  it('draws histogram bars scaled to the largest bucket, never hiding a small one', () => {
    expect(
      renderHistogram(
        [
          { label: 'a', count: 1 },
          { label: 'bb', count: 100 },
          { label: 'c', count: 0 },
        ],
        10,
      ),
    ).toBe('a   █ 1\nbb  ██████████ 100\nc    0');
  });

  it('formats counts, plurals and sizes the same on every locale', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(plural(1, 'error')).toBe('1 error');
    expect(plural(0, 'error')).toBe('0 errors');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(38_820)).toBe('38.8 KB');
    expect(formatBytes(2_500_000_000)).toBe('2.5 GB');
  });
});
