import { describe, expect, it } from 'vitest';
import { canonicalKey, deduplicateExamples } from '../../src/data/dedupe.ts';

describe('deduplicateExamples', () => {
  it('keeps the first of each and ignores key order', () => {
    const { unique, duplicates } = deduplicateExamples([{ a: 1, b: 2 }, { c: 3 }, { b: 2, a: 1 }]);
    expect(unique).toEqual([{ a: 1, b: 2 }, { c: 3 }]);
    expect(duplicates).toEqual([{ index: 2, firstIndex: 0 }]);
    expect(canonicalKey({ x: [{ b: 1, a: 2 }] })).toBe('{"x":[{"a":2,"b":1}]}');
  });
});
