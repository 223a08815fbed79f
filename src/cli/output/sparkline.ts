const BARS = '▁▂▃▄▅▆▇█';

/**
 * The last `width` values as a one-line bar chart, lowest value ▁, highest █.
 *
 * @example
 * sparkline([3, 2, 2.5, 1, 0.5], 5); // '█▄▆▂▁'
 */
export function sparkline(values: readonly number[], width: number): string {
  const shown = values.slice(-Math.max(1, width));
  if (shown.length === 0) return '';
  const low = Math.min(...shown);
  const high = Math.max(...shown);
  const span = high - low;
  return shown
    .map((value) => BARS[span === 0 ? 3 : Math.round(((value - low) / span) * (BARS.length - 1))])
    .join('');
}
