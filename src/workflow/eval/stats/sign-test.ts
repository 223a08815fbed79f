/**
 * The exact two-sided sign test of paired outcomes: how likely a split at least this uneven
 * between `wins` and `losses` is if neither model is better (ties carry no information and
 * are left out). The same as an exact McNemar test on pass/fail scores. 1 when there are no
 * untied pairs.
 *
 * @example
 * signTestPValue(9, 1); // 0.0215 (rounded): 9 wins to 1 is unlikely by chance
 * signTestPValue(3, 2); // 1
 */
export function signTestPValue(wins: number, losses: number): number {
  const n = wins + losses;
  if (n === 0) return 1;
  const k = Math.min(wins, losses);
  // P(X ≤ k) for X ~ Binomial(n, 1/2), summed in log space so large n does not underflow.
  let logTerm = -n * Math.LN2; // log C(n, 0) / 2^n
  let logSum = logTerm;
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log(n - i + 1) - Math.log(i);
    const high = Math.max(logSum, logTerm);
    logSum = high + Math.log(Math.exp(logSum - high) + Math.exp(logTerm - high));
  }
  return Math.min(1, 2 * Math.exp(logSum));
}
