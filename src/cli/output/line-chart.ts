/** One series of a chart: a name, the character that draws it, and its points. */
export interface ChartSeries {
  name: string;
  mark: string;
  points: ReadonlyArray<{ x: number; y: number }>;
}

/** Formats an axis value with three significant digits. */
function tick(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

/**
 * A plain-text line chart `width` characters wide and `height` rows high (axis included): each
 * series plotted with its mark, later series drawn over earlier ones, a y-axis with the range
 * on the left and the x range below. Returns '' when there are no points.
 *
 * @example
 * lineChart([{ name: 'train loss', mark: '•', points: [{ x: 1, y: 2 }, { x: 2, y: 1 }] }], 40, 8);
 */
export function lineChart(series: readonly ChartSeries[], width: number, height: number): string {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return '';
  const minX = Math.min(...all.map((p) => p.x));
  const maxX = Math.max(...all.map((p) => p.x));
  const minY = Math.min(...all.map((p) => p.y));
  const maxY = Math.max(...all.map((p) => p.y));
  const labels = [tick(maxY), tick(minY)];
  const gutter = Math.max(...labels.map((l) => l.length)) + 1;
  const columns = Math.max(10, width - gutter - 1);
  const rows = Math.max(3, height - 2);
  const grid = Array.from({ length: rows }, () => Array.from({ length: columns }, () => ' '));
  for (const { mark, points } of series) {
    for (const { x, y } of points) {
      const column = maxX === minX ? 0 : Math.round(((x - minX) / (maxX - minX)) * (columns - 1));
      const row = maxY === minY ? rows - 1 : Math.round(((maxY - y) / (maxY - minY)) * (rows - 1));
      (grid[row] as string[])[column] = mark;
    }
  }
  const lines = grid.map((cells, row) => {
    const label = row === 0 ? labels[0] : row === rows - 1 ? labels[1] : '';
    return `${(label ?? '').padStart(gutter - 1)} ┤${cells.join('')}`;
  });
  lines.push(`${' '.repeat(gutter - 1)} └${'─'.repeat(columns)}`);
  const left = `step ${tick(minX)}`;
  const right = tick(maxX);
  lines.push(
    `${' '.repeat(gutter + 1)}${left}${right.padStart(Math.max(1, columns - left.length))}`,
  );
  const legend = series.filter((s) => s.points.length > 0).map((s) => `${s.mark} ${s.name}`);
  lines.push(`${' '.repeat(gutter + 1)}${legend.join('   ')}`);
  return lines.join('\n');
}
