/**
 * A key equal for examples that are the same data whatever their key order: JSON with object
 * keys sorted.
 *
 * @example
 * canonicalKey({ b: 1, a: [2] }) === canonicalKey({ a: [2], b: 1 }); // true
 */
export function canonicalKey(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    return Object.fromEntries(
      Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
        a < b ? -1 : a > b ? 1 : 0,
      ),
    );
  });
}

/**
 * Removes repeated examples, keeping the first of each, and tells which indexes were dropped
 * and what they repeat.
 *
 * @example
 * const { unique, duplicates } = deduplicateExamples([a, b, a]);
 * // unique: [a, b]; duplicates: [{ index: 2, firstIndex: 0 }]
 */
export function deduplicateExamples<T>(
  examples: readonly T[],
  key: (example: T) => string = canonicalKey,
): { unique: T[]; duplicates: { index: number; firstIndex: number }[] } {
  const first = new Map<string, number>();
  const unique: T[] = [];
  const duplicates: { index: number; firstIndex: number }[] = [];
  examples.forEach((example, index) => {
    const k = key(example);
    const seen = first.get(k);
    if (seen === undefined) {
      first.set(k, index);
      unique.push(example);
    } else {
      duplicates.push({ index, firstIndex: seen });
    }
  });
  return { unique, duplicates };
}
