// Exact division of whole numbers (BigInt), rounded once and on purpose: the means, shares and
// percentages of money figures (picodollars, see money.ts) are worked out here so that 7/8 is
// 0.875 and 87.5 %, never 0.8749999.

/**
 * `numerator / denominator` rounded half away from zero to a whole number.
 *
 * @example
 * divideRounded(7n, 2n); // 4n
 */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (2n * n + d) / (2n * d);
  return negative ? -rounded : rounded;
}

/**
 * `numerator / denominator` rounded up to a whole number (both positive).
 *
 * @example
 * divideUp(7n, 2n); // 4n
 */
export function divideUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n || numerator < 0n) throw new RangeError('expected n ≥ 0 and d > 0');
  return (numerator + denominator - 1n) / denominator;
}

/**
 * A ratio of two whole numbers as a JavaScript number rounded to `decimals` decimals: exact
 * arithmetic up to the last step, so 7/8 is 0.875 and never 0.8749999.
 *
 * @example
 * ratio(7n, 8n); // 0.875
 */
export function ratio(numerator: bigint, denominator: bigint, decimals = 6): number {
  const scale = 10n ** BigInt(decimals);
  return Number(divideRounded(numerator * scale, denominator)) / Number(scale);
}

/**
 * A share written as a percentage with up to `decimals` decimals, rounded exactly.
 *
 * @example
 * percent(7n, 8n); // '87.5%'
 * percent(1n, 3n); // '33.3%'
 */
export function percent(numerator: bigint, denominator: bigint, decimals = 1): string {
  const scale = 10n ** BigInt(decimals);
  const tenths = divideRounded(numerator * 100n * scale, denominator);
  const sign = tenths < 0n ? '-' : '';
  const magnitude = tenths < 0n ? -tenths : tenths;
  const whole = magnitude / scale;
  const fraction = (magnitude % scale).toString().padStart(decimals, '0').replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}%`;
}
