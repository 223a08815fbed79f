import { formatCount } from './table.ts';

/**
 * Draws horizontal bars for buckets, scaled so the largest fills `barWidth` characters; a
 * non-empty bucket always gets at least one block so it stays visible.
 *
 * @example
 * renderHistogram([{ label: '64–127', count: 3 }, { label: '128–255', count: 9 }], 9);
 * // '64–127   ███ 3\n128–255  █████████ 9'
 */
export function renderHistogram(
  buckets: readonly { label: string; count: number }[],
  barWidth = 40,
  indent = '',
): string {
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const labelWidth = Math.max(0, ...buckets.map((b) => b.label.length));
  return buckets
    .map((bucket) => {
      const length =
        bucket.count === 0 ? 0 : Math.max(1, Math.round((bucket.count / max) * barWidth));
      return `${indent}${bucket.label.padEnd(labelWidth)}  ${'█'.repeat(length)} ${formatCount(bucket.count)}`;
    })
    .join('\n');
}
