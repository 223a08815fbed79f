import { stripVTControlCharacters } from 'node:util';

/** Visible width of a cell: colour codes take no room. */
const width = (text: string) => stripVTControlCharacters(text).length;

/**
 * Renders rows as aligned columns separated by two spaces; a column whose cells are all
 * numbers is right aligned. Cells may hold colour codes.
 *
 * @example
 * renderTable([['examples', '1,234'], ['tokens', '56,789']]);
 * // 'examples   1,234\ntokens    56,789'
 */
export function renderTable(rows: readonly (readonly string[])[], indent = ''): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(cell));
    });
  }
  const numeric = /^[$\d][\d,.$%]*$/;
  const isNumeric = widths.map((_, i) =>
    rows.every(
      (row) => row[i] === undefined || numeric.test(stripVTControlCharacters(row[i] as string)),
    ),
  );
  return rows
    .map(
      (row) =>
        indent +
        row
          .map((cell, i) => {
            const pad = ' '.repeat((widths[i] ?? 0) - width(cell));
            if (isNumeric[i]) return pad + cell;
            return i === row.length - 1 ? cell : cell + pad;
          })
          .join('  '),
    )
    .join('\n');
}

/**
 * Formats an integer with thousands separators, the same on every locale.
 *
 * @example
 * formatCount(1234567); // '1,234,567'
 */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/**
 * `count noun`, with the noun in the plural unless the count is one.
 *
 * @example
 * plural(1, 'error'); // '1 error'
 * plural(1200, 'example'); // '1,200 examples'
 */
export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * A byte size for people: B, KB, MB or GB (decimal units, one decimal).
 *
 * @example
 * formatBytes(1_500_000); // '1.5 MB'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
