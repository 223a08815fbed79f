// @ts-check
/**
 * Line charts as SVG, drawn in the page: a few hundred lines instead of a charting library.
 * SVG keeps every mark an element (testable, styleable for light and dark, crisp at any
 * zoom); long series are thinned to at most two points a pixel column (the lowest and the
 * highest), which keeps the shape — spikes included — and the DOM small.
 */
import { h, s } from './dom.js';
import { metric } from './format.js';

/** Candidate colours, in order (Tableau 10: distinct, readable on light and dark). */
export const PALETTE = [
  '#4c78a8',
  '#f58518',
  '#54a24b',
  '#e45756',
  '#72b7b2',
  '#b279a2',
  '#ff9da6',
  '#9d755d',
];

/**
 * @typedef {object} Series
 * @property {string} id stable id, set as `data-series`
 * @property {string} name legend text
 * @property {string} color
 * @property {boolean} [dashed]
 * @property {Array<[number, number]>} points [x, y], sorted by x
 */

/**
 * @typedef {object} ChartSpec
 * @property {string} kind set as `data-chart`
 * @property {string} title
 * @property {string} xLabel
 * @property {string} yLabel
 * @property {Series[]} series
 * @property {[number, number]} [yDomain] fixed y range (accuracy: [0, 1])
 * @property {string} [empty] what to say while there are no points
 */

const WIDTH = 640;
const HEIGHT = 260;
const MARGIN = { left: 56, right: 16, top: 12, bottom: 40 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

/**
 * Round ticks covering [min, max]: steps of 1, 2 or 5 times a power of ten.
 * @param {number} min
 * @param {number} max
 * @param {number} [count]
 * @returns {number[]}
 */
export function niceTicks(min, max, count = 5) {
  if (!(max > min)) return [min, min + 1];
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((f) => f * power >= rough) ?? 10) * power;
  const first = Math.floor(min / step + 1e-9) * step;
  const ticks = [];
  for (let t = first; t < max + step - 1e-9 * step; t += step)
    ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/**
 * At most two points per pixel column: the lowest and highest y, in x order.
 * @param {Array<[number, number]>} points
 * @param {(x: number) => number} toPixel
 * @returns {Array<[number, number]>}
 */
export function thin(points, toPixel) {
  if (points.length <= PLOT_W * 2) return points;
  /** @type {Array<[number, number]>} */
  const out = [];
  let column = Number.NaN;
  /** @type {[number, number] | undefined} */
  let low;
  /** @type {[number, number] | undefined} */
  let high;
  const flush = () => {
    if (!low || !high) return;
    if (low === high) out.push(low);
    else if (low[0] <= high[0]) out.push(low, high);
    else out.push(high, low);
  };
  for (const point of points) {
    const c = Math.floor(toPixel(point[0]));
    if (c !== column) {
      flush();
      column = c;
      low = point;
      high = point;
    } else {
      if (point[1] < /** @type {[number, number]} */ (low)[1]) low = point;
      if (point[1] > /** @type {[number, number]} */ (high)[1]) high = point;
    }
  }
  flush();
  return out;
}

/**
 * The x and y ranges a chart shows: all steps, and y from 0 (or below, for negative values)
 * to a round number above the highest value.
 * @param {Series[]} series
 * @param {[number, number] | undefined} yDomain
 */
export function domains(series, yDomain) {
  let xMin = Number.POSITIVE_INFINITY;
  let xMax = Number.NEGATIVE_INFINITY;
  let yMin = 0;
  let yMax = Number.NEGATIVE_INFINITY;
  for (const line of series) {
    for (const [x, y] of line.points) {
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
  }
  if (!Number.isFinite(xMin)) return null;
  if (xMax === xMin) xMax = xMin + 1;
  const yTicks = yDomain
    ? niceTicks(yDomain[0], yDomain[1])
    : niceTicks(yMin, yMax > yMin ? yMax : yMin + 1);
  return {
    x: /** @type {[number, number]} */ ([xMin, xMax]),
    y: /** @type {[number, number]} */ ([yTicks[0] ?? 0, yTicks.at(-1) ?? 1]),
    yTicks,
    xTicks: niceTicks(xMin, xMax).filter((t) => t >= xMin && t <= xMax),
  };
}

/**
 * Draws a line chart. The SVG states its ranges and plot box in `data-` attributes so a test
 * can check that every point sits where the data says.
 * @param {ChartSpec} spec
 * @returns {HTMLElement}
 */
export function lineChart(spec) {
  const figure = h('figure', { class: 'chart', 'data-chart-figure': spec.kind });
  const caption = h('figcaption', {}, spec.title);
  const range = domains(spec.series, spec.yDomain);
  if (!range) {
    figure.append(
      caption,
      h(
        'p',
        { class: 'muted chart-empty' },
        spec.empty ?? 'No points yet: curves appear with the first training steps.',
      ),
    );
    return figure;
  }
  const [x0, x1] = range.x;
  const [y0, y1] = range.y;
  const px = (/** @type {number} */ x) => MARGIN.left + ((x - x0) / (x1 - x0)) * PLOT_W;
  const py = (/** @type {number} */ y) => MARGIN.top + (1 - (y - y0) / (y1 - y0)) * PLOT_H;
  const round = (/** @type {number} */ n) => Math.round(n * 100) / 100;

  const grid = [];
  for (const tick of range.yTicks) {
    grid.push(
      s('line', {
        class: 'grid',
        x1: MARGIN.left,
        x2: MARGIN.left + PLOT_W,
        y1: round(py(tick)),
        y2: round(py(tick)),
      }),
      s(
        'text',
        { class: 'tick', x: MARGIN.left - 6, y: round(py(tick)) + 4, 'text-anchor': 'end' },
        metric(tick),
      ),
    );
  }
  for (const tick of range.xTicks) {
    grid.push(
      s('line', {
        class: 'grid',
        x1: round(px(tick)),
        x2: round(px(tick)),
        y1: MARGIN.top,
        y2: MARGIN.top + PLOT_H,
      }),
      s(
        'text',
        { class: 'tick', x: round(px(tick)), y: MARGIN.top + PLOT_H + 16, 'text-anchor': 'middle' },
        String(tick),
      ),
    );
  }
  const lines = spec.series
    .filter((line) => line.points.length > 0)
    .map((line) => {
      const points = thin(line.points, px);
      const d = points
        .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(px(x))} ${round(py(y))}`)
        .join('');
      return s(
        'path',
        {
          class: 'series',
          'data-series': line.id,
          'data-points': points.length,
          d,
          fill: 'none',
          stroke: line.color,
          'stroke-width': 2,
          'stroke-dasharray': line.dashed ? '6 4' : null,
          'stroke-linejoin': 'round',
        },
        s('title', {}, line.name),
      );
    });
  const summary = spec.series
    .filter((line) => line.points.length > 0)
    .map((line) => {
      const first = /** @type {[number, number]} */ (line.points[0]);
      const last = /** @type {[number, number]} */ (line.points.at(-1));
      return `${line.name}: ${metric(first[1])} at step ${first[0]} to ${metric(last[1])} at step ${last[0]}`;
    })
    .join('; ');
  const svg = s(
    'svg',
    {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: 'img',
      'aria-label': `${spec.title}. ${summary}`,
      'data-chart': spec.kind,
      'data-x-min': x0,
      'data-x-max': x1,
      'data-y-min': y0,
      'data-y-max': y1,
      'data-plot': `${MARGIN.left} ${MARGIN.top} ${PLOT_W} ${PLOT_H}`,
    },
    s('rect', { class: 'plot', x: MARGIN.left, y: MARGIN.top, width: PLOT_W, height: PLOT_H }),
    grid,
    s('line', {
      class: 'axis',
      x1: MARGIN.left,
      x2: MARGIN.left + PLOT_W,
      y1: MARGIN.top + PLOT_H,
      y2: MARGIN.top + PLOT_H,
    }),
    s(
      'text',
      { class: 'label', x: MARGIN.left + PLOT_W / 2, y: HEIGHT - 6, 'text-anchor': 'middle' },
      spec.xLabel,
    ),
    s(
      'text',
      {
        class: 'label',
        x: 14,
        y: MARGIN.top + PLOT_H / 2,
        'text-anchor': 'middle',
        transform: `rotate(-90 14 ${MARGIN.top + PLOT_H / 2})`,
      },
      spec.yLabel,
    ),
    lines,
  );
  const legend = h(
    'ul',
    { class: 'legend' },
    spec.series.map((line) =>
      h(
        'li',
        {},
        h('span', { class: `swatch${line.dashed ? ' dashed' : ''}`, 'data-color': line.color }),
        line.name,
      ),
    ),
  );
  for (const swatch of legend.querySelectorAll('.swatch')) {
    const element = /** @type {HTMLElement} */ (swatch);
    // Set through the CSSOM: allowed by the page's Content-Security-Policy, unlike style="…".
    element.style.borderColor = element.dataset.color ?? '';
  }
  figure.append(caption, svg, legend);
  return figure;
}
