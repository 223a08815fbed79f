import { parseUsd } from '../money.ts';

/**
 * Exact arithmetic for per-request costs. A token count times a price per million tokens is a
 * whole number of picodollars (10⁻¹² $): `parseUsd` gives the price in micro-dollars per
 * million tokens, and micro-dollars per million tokens are picodollars per token. Costs of a
 * few hundred tokens are fractions of a micro-dollar, so the micro-dollars of `money.ts` would
 * round them away; picodollars never round.
 */
const PICO_PER_USD = 10n ** 12n;

/**
 * The cost of `tokens` at `pricePer1M` dollars per million tokens, in picodollars, exactly.
 *
 * @example
 * tokensCost(4_000, '12'); // 48000000000n, i.e. $0.048
 */
export function tokensCost(tokens: number | bigint, pricePer1M: string): bigint {
  return BigInt(tokens) * parseUsd(pricePer1M);
}

/**
 * Picodollars of a dollar amount written as a decimal string (at most 12 decimals, as
 * {@link usdFromPico} writes them; a leading minus allowed).
 *
 * @example
 * picoFromUsd('2.40'); // 2400000000000n
 * picoFromUsd('-0.00000555'); // -5550000n
 */
export function picoFromUsd(usd: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,12}))?$/.exec(usd);
  if (!match) throw new RangeError(`not a dollar amount with at most 12 decimals: ${usd}`);
  const pico = BigInt(match[2] as string) * PICO_PER_USD + BigInt((match[3] ?? '').padEnd(12, '0'));
  return match[1] ? -pico : pico;
}

/**
 * Picodollars as an exact decimal dollar string: at least two decimals, no trailing zeros
 * beyond them, a minus sign for negative amounts.
 *
 * @example
 * usdFromPico(1_024_000_000_000n); // '1.024'
 * usdFromPico(-5_550_000n); // '-0.00000555'
 */
export function usdFromPico(pico: bigint): string {
  const sign = pico < 0n ? '-' : '';
  const magnitude = pico < 0n ? -pico : pico;
  const whole = magnitude / PICO_PER_USD;
  let fraction = (magnitude % PICO_PER_USD).toString().padStart(12, '0').replace(/0+$/, '');
  if (fraction.length < 2) fraction = fraction.padEnd(2, '0');
  return `${sign}${whole}.${fraction}`;
}

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
