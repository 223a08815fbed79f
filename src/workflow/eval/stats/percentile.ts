/**
 * The nearest-rank percentile of sorted values (`p` in [0, 1]): a value that occurred, never an
 * interpolation between two. Undefined for no values.
 *
 * @example
 * nearestRank([10, 20, 30, 40], 0.5); // 20
 * nearestRank([10, 20, 30, 40], 0.95); // 40
 */
export function nearestRank(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
