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
