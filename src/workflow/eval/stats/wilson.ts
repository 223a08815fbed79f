/** z for a two-sided 95 % interval: the 97.5th percentile of the standard normal. */
export const Z_95 = 1.959963984540054;

/** A confidence interval of a share, and how it was computed. */
export interface Interval {
  low: number;
  high: number;
  method: 'wilson' | 'bootstrap';
}

/**
 * The Wilson score interval of a proportion (`passes` out of `n`) at 95 %. Unlike the textbook
 * Wald interval (p ± z·√(p(1−p)/n)) it stays inside [0, 1], does not collapse to a point at 0 or
 * n passes, and keeps close to its nominal coverage for the small n of evaluation sets.
 *
 * @example
 * wilsonInterval(8, 10); // { low: 0.4902, high: 0.9433, method: 'wilson' } (rounded)
 * wilsonInterval(0, 20); // low 0, high ≈ 0.161: zero failures seen is not "always fails"
 */
export function wilsonInterval(passes: number, n: number, z = Z_95): Interval {
  if (n === 0) return { low: 0, high: 1, method: 'wilson' };
  const p = passes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: Math.max(0, center - half), high: Math.min(1, center + half), method: 'wilson' };
}
