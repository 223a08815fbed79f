import { picoFromUsd } from '../../../data/money.ts';
import { nearestRank } from '../stats/percentile.ts';
import { escapeHtml as esc } from './escape.ts';
import type { CandidateSummary, EvalReport } from './types.ts';

/** Colours of the candidates, in order (Tableau 10: distinct, readable on white). */
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
const colour = (index: number) => PALETTE[index % PALETTE.length] as string;

const WIDTH = 720;
const LABEL = 240;
const RIGHT = 150;
const ROW = 34;
const TOP = 8;
const AXIS = 30;
const PLOT = WIDTH - LABEL - RIGHT;

/**
 * Round tick values from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten.
 *
 * @example
 * niceTicks(87); // [0, 20, 40, 60, 80, 100]
 */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((f) => f * power >= rough) ?? 10) * power;
  const ticks: number[] = [];
  for (let t = 0; t < max + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  if ((ticks.at(-1) ?? 0) < max) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}

function frame(kind: string, title: string, rows: number, body: string, axis: string): string {
  const height = TOP + rows * ROW + AXIS;
  return `<svg xmlns="http://www.w3.org/2000/svg" data-chart="${kind}" role="img" aria-label="${esc(title)}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="12"><title>${esc(title)}</title>${body}${axis}</svg>`;
}

function axisLine(rows: number, ticks: number[], label: (t: number) => string): string {
  const y = TOP + rows * ROW;
  const max = ticks.at(-1) ?? 1;
  const parts = [`<line x1="${LABEL}" y1="${y}" x2="${LABEL + PLOT}" y2="${y}" stroke="#999"/>`];
  for (const tick of ticks) {
    const x = LABEL + (tick / max) * PLOT;
    parts.push(
      `<line x1="${x}" y1="${TOP}" x2="${x}" y2="${y}" stroke="#eee"/>`,
      `<text x="${x}" y="${y + 16}" text-anchor="middle" fill="#555">${esc(label(tick))}</text>`,
    );
  }
  return parts.join('');
}

function rowLabel(index: number, text: string): string {
  const y = TOP + index * ROW + ROW / 2 + 4;
  const short = text.length > 34 ? `${text.slice(0, 33)}…` : text;
  return `<text x="${LABEL - 8}" y="${y}" text-anchor="end" fill="#222"><title>${esc(text)}</title>${esc(short)}</text>`;
}

/**
 * Bars of each candidate's primary score (0–100 %) with its 95 % interval as a whisker.
 *
 * @example
 * const svg = scoreChart(report); // '<svg … data-chart="score" …>'
 */
export function scoreChart(report: EvalReport): string {
  const name = report.primaryScorer;
  const rows = report.candidates.map((candidate, i) => {
    const score = candidate.scores[name];
    const y = TOP + i * ROW;
    if (!score || score.n === 0) {
      return `${rowLabel(i, candidate.name)}<text x="${LABEL + 6}" y="${y + ROW / 2 + 4}" fill="#888">no answers scored</text>`;
    }
    const x = (share: number) => LABEL + share * PLOT;
    const mid = y + ROW / 2;
    return [
      rowLabel(i, candidate.name),
      `<rect data-candidate="${esc(candidate.name)}" x="${LABEL}" y="${y + 7}" width="${Math.max(1, score.mean * PLOT)}" height="${ROW - 14}" fill="${colour(i)}"/>`,
      `<line x1="${x(score.interval.low)}" y1="${mid}" x2="${x(score.interval.high)}" y2="${mid}" stroke="#222" stroke-width="1.5"/>`,
      `<line x1="${x(score.interval.low)}" y1="${mid - 6}" x2="${x(score.interval.low)}" y2="${mid + 6}" stroke="#222" stroke-width="1.5"/>`,
      `<line x1="${x(score.interval.high)}" y1="${mid - 6}" x2="${x(score.interval.high)}" y2="${mid + 6}" stroke="#222" stroke-width="1.5"/>`,
      `<text x="${LABEL + PLOT + 8}" y="${mid + 4}" fill="#222">${(score.mean * 100).toFixed(1)}% [${(score.interval.low * 100).toFixed(0)}–${(score.interval.high * 100).toFixed(0)}]</text>`,
    ].join('');
  });
  const axis = axisLine(
    report.candidates.length,
    [0, 0.2, 0.4, 0.6, 0.8, 1],
    (t) => `${Math.round(t * 100)}%`,
  );
  return frame(
    'score',
    `${name}: score per model with 95 % interval`,
    report.candidates.length,
    rows.join(''),
    axis,
  );
}

/** Dollars per request as micro-dollars (a number for drawing only; labels stay exact). */
const micros = (usd: string) => Number(picoFromUsd(usd)) / 1e6;

/**
 * Bars of each candidate's mean cost per request, labelled exactly (and per 1,000 requests).
 *
 * @example
 * const svg = costChart(report); // '<svg … data-chart="cost" …>'
 */
export function costChart(report: EvalReport): string {
  const values = report.candidates.map((c) =>
    c.costPerRequestUsd === null ? null : micros(c.costPerRequestUsd),
  );
  const ticks = niceTicks(Math.max(0, ...values.map((v) => v ?? 0)));
  const max = ticks.at(-1) ?? 1;
  const rows = report.candidates.map((candidate: CandidateSummary, i) => {
    const y = TOP + i * ROW;
    const value = values[i];
    if (value === null || value === undefined || candidate.costPerRequestUsd === null) {
      return `${rowLabel(i, candidate.name)}<text x="${LABEL + 6}" y="${y + ROW / 2 + 4}" fill="#888">price unknown</text>`;
    }
    const perThousand = (micros(candidate.costPerRequestUsd) / 1000).toFixed(4);
    return [
      rowLabel(i, candidate.name),
      `<rect data-candidate="${esc(candidate.name)}" x="${LABEL}" y="${y + 7}" width="${Math.max(1, (value / max) * PLOT)}" height="${ROW - 14}" fill="${colour(i)}"/>`,
      `<text x="${LABEL + PLOT + 8}" y="${y + ROW / 2 + 4}" fill="#222"><title>$${esc(candidate.costPerRequestUsd)} per request</title>$${perThousand} / 1K req</text>`,
    ].join('');
  });
  const axis = axisLine(report.candidates.length, ticks, (t) => `${t} µ$`);
  return frame(
    'cost',
    'Mean cost per request (micro-dollars)',
    report.candidates.length,
    rows.join(''),
    axis,
  );
}

/**
 * Each candidate's latencies: a dot per request, a box from the 25th to the 75th percentile,
 * a line at the median and a tick at the 95th percentile.
 *
 * @example
 * const svg = latencyChart(report); // '<svg … data-chart="latency" …>'
 */
export function latencyChart(report: EvalReport): string {
  const all = report.candidates.flatMap((c) => c.latencyMs?.values ?? []);
  const ticks = niceTicks(Math.max(1, ...all));
  const max = ticks.at(-1) ?? 1;
  const x = (ms: number) => LABEL + (ms / max) * PLOT;
  const rows = report.candidates.map((candidate, i) => {
    const y = TOP + i * ROW;
    const mid = y + ROW / 2;
    const latency = candidate.latencyMs;
    if (!latency)
      return `${rowLabel(i, candidate.name)}<text x="${LABEL + 6}" y="${mid + 4}" fill="#888">no answers</text>`;
    const sorted = [...latency.values].sort((a, b) => a - b);
    const q = (p: number) => nearestRank(sorted, p) as number;
    // Dots spread over the row's height by a fixed pattern, so equal latencies stay visible.
    const dots = latency.values
      .map(
        (ms, k) =>
          `<circle cx="${x(ms).toFixed(1)}" cy="${(mid - 9 + ((k * 7) % 19)).toFixed(1)}" r="2.2" fill="${colour(i)}" fill-opacity="0.55"/>`,
      )
      .join('');
    return [
      rowLabel(i, candidate.name),
      `<rect data-candidate="${esc(candidate.name)}" x="${x(q(0.25))}" y="${y + 5}" width="${Math.max(2, x(q(0.75)) - x(q(0.25)))}" height="${ROW - 10}" fill="${colour(i)}" fill-opacity="0.25" stroke="${colour(i)}"/>`,
      dots,
      `<line x1="${x(latency.p50)}" y1="${y + 4}" x2="${x(latency.p50)}" y2="${y + ROW - 4}" stroke="#222" stroke-width="2"/>`,
      `<line x1="${x(latency.p95)}" y1="${mid - 5}" x2="${x(latency.p95)}" y2="${mid + 5}" stroke="#e45756" stroke-width="2"/>`,
      `<text x="${LABEL + PLOT + 8}" y="${mid + 4}" fill="#222">p50 ${latency.p50} · p95 ${latency.p95} ms</text>`,
    ].join('');
  });
  const axis = axisLine(report.candidates.length, ticks, (t) => `${t} ms`);
  return frame(
    'latency',
    'Latency per request (ms): box 25–75 %, black median, red p95',
    report.candidates.length,
    rows.join(''),
    axis,
  );
}
