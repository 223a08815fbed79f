/**
 * Exact dollar arithmetic. Prices are decimal strings ("0.40") and token counts integers, so a
 * cost is an exact rational; tunekit keeps it in BigInt micro-dollars (10⁻⁶ $) where every
 * catalog price times every token count is a whole number, and prints it without floating point.
 */
const SCALE = 1_000_000n;

/**
 * Parses a decimal dollar string into micro-dollars.
 *
 * @example
 * parseUsd('0.40'); // 400000n
 */
export function parseUsd(amount: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(amount);
  if (!match) throw new RangeError(`not a dollar amount with at most 6 decimals: ${amount}`);
  return BigInt(match[1] as string) * SCALE + BigInt((match[2] ?? '').padEnd(6, '0'));
}

/**
 * Cost in micro-dollars of `tokens` at `pricePer1M` dollars per million tokens, rounded half
 * up to the micro-dollar: below a millionth of a dollar, never in a printed cent.
 *
 * @example
 * costOfTokens(300_000, '8'); // 2400000n, i.e. $2.40
 */
export function costOfTokens(tokens: number | bigint, pricePer1M: string): bigint {
  const numerator = BigInt(tokens) * parseUsd(pricePer1M);
  return (numerator + SCALE / 2n) / SCALE;
}

/**
 * Formats micro-dollars as a plain decimal with at least two decimals and no trailing zeros
 * beyond them.
 *
 * @example
 * formatUsd(2400000n); // '2.40'
 * formatUsd(1234n); // '0.001234'
 */
export function formatUsd(micros: bigint): string {
  const whole = micros / SCALE;
  let fraction = (micros % SCALE).toString().padStart(6, '0').replace(/0+$/, '');
  if (fraction.length < 2) fraction = fraction.padEnd(2, '0');
  return `${whole}.${fraction}`;
}
