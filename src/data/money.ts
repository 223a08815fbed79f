import { divideRounded } from './ratio.ts';

/**
 * Money in tunekit: one unit, the picodollar (10⁻¹² $), held in a BigInt.
 *
 * Why picodollars: prices are decimal strings of dollars per million tokens with at most six
 * decimals ("0.40", "0.075"), so a price is a whole number of micro-dollars per million tokens,
 * that is a whole number of picodollars per token. A token count times a price is then a whole
 * number of picodollars, exactly: the cost of one 37-token request at $0.15/1M is 5,550,000
 * picodollars ($0.00000555), which micro-dollars would round away. Sums, budgets and means stay
 * exact up to the one step that rounds on purpose ({@link roundToMicroUsd}, {@link usdFromPico}
 * never rounds), and a bigint of picodollars holds any real bill.
 */
export type Picodollars = bigint;

const PICO_PER_USD = 10n ** 12n;
/** Picodollars in a micro-dollar: a price per million tokens in picodollars, per token. */
const PICO_PER_MICRO_USD = 10n ** 6n;

/**
 * Picodollars of a dollar amount written as a decimal string (at most 12 decimals, as
 * {@link usdFromPico} writes them; a leading minus allowed).
 *
 * @example
 * picoFromUsd('2.40'); // 2400000000000n
 * picoFromUsd('-0.00000555'); // -5550000n
 */
export function picoFromUsd(usd: string): Picodollars {
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
export function usdFromPico(pico: Picodollars): string {
  const sign = pico < 0n ? '-' : '';
  const magnitude = pico < 0n ? -pico : pico;
  const whole = magnitude / PICO_PER_USD;
  let fraction = (magnitude % PICO_PER_USD).toString().padStart(12, '0').replace(/0+$/, '');
  if (fraction.length < 2) fraction = fraction.padEnd(2, '0');
  return `${sign}${whole}.${fraction}`;
}

/**
 * The cost of `tokens` at `pricePer1M` dollars per million tokens, in picodollars, exactly.
 * A price has at most six decimals (the catalog's do), so nothing is rounded.
 *
 * @example
 * tokensCost(4_000, '12'); // 48000000000n, i.e. $0.048
 * usdFromPico(tokensCost(37, '0.15')); // '0.00000555'
 */
export function tokensCost(tokens: number | bigint, pricePer1M: string): Picodollars {
  if (!/^\d+(\.\d{1,6})?$/.test(pricePer1M)) {
    throw new RangeError(`not a dollar amount with at most 6 decimals: ${pricePer1M}`);
  }
  const picoPerToken = picoFromUsd(pricePer1M) / PICO_PER_MICRO_USD;
  return BigInt(tokens) * picoPerToken;
}

/**
 * Rounds to a whole micro-dollar, half away from zero: what a training estimate shows (its
 * figure has at most six decimals, which `--max-cost`-style dollar inputs accept back), never a
 * difference a printed cent could show.
 *
 * @example
 * usdFromPico(roundToMicroUsd(tokensCost(1_001, '1.50'))); // '0.001502' (exactly 0.0015015)
 */
export function roundToMicroUsd(pico: Picodollars): Picodollars {
  return divideRounded(pico, PICO_PER_MICRO_USD) * PICO_PER_MICRO_USD;
}
