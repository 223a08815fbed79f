import type {
  CandidateSummary,
  EvalReport,
  ScoreSummary,
} from '../../workflow/eval/report/types.ts';
import { paint } from '../output/color.ts';
import { plural, renderTable } from '../output/table.ts';

const out = process.stdout;

const pct = (value: number) => `${(Math.round(value * 1000) / 10).toString()}%`;

function score(summary: ScoreSummary | undefined): string {
  if (!summary || summary.n === 0) return '–';
  return `${pct(summary.mean)} ${paint(out, 'dim', `[${pct(summary.interval.low)}–${pct(summary.interval.high)}]`)}`;
}

function answered(candidate: CandidateSummary): string {
  const parts = [String(candidate.answered)];
  if (candidate.errors) parts.push(paint(out, 'red', `${candidate.errors} failed`));
  if (candidate.pending) parts.push(paint(out, 'yellow', `${candidate.pending} pending`));
  return parts.join(' ');
}

const clip = (text: string, max = 70) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The per-model table: scores with intervals, answers, latency, tokens, cost. */
export function renderSummary(report: EvalReport): string {
  const heading = [
    'model',
    ...report.scorers.map((s) => (s.kind === 'model-graded' ? `${s.name} (model-graded)` : s.name)),
    'answered',
    'p50/p95 ms',
    'tokens in/out',
    '$/request',
    '$ total',
  ].map((cell) => paint(out, 'dim', cell));
  const rows = report.candidates.map((c) => [
    c.name,
    ...report.scorers.map((s) => score(c.scores[s.name])),
    answered(c),
    c.latencyMs ? `${c.latencyMs.p50}/${c.latencyMs.p95}` : '–',
    c.tokens ? `${c.tokens.prompt}/${c.tokens.completion}` : '–',
    c.costPerRequestUsd === null ? '–' : `$${c.costPerRequestUsd}`,
    c.totalCostUsd === null ? '–' : `$${c.totalCostUsd}`,
  ]);
  return renderTable([heading, ...rows]);
}

/** Head-to-head lines on the primary scorer. */
export function renderComparisons(report: EvalReport): string {
  return report.comparisons
    .map(
      (c) =>
        `${c.b} vs ${c.a} on ${c.scorer}: better on ${plural(c.bWins, 'example')}, worse on ${c.aWins}, tied on ${c.ties} (sign test p = ${c.pValue < 0.0001 ? '< 0.0001' : c.pValue})`,
    )
    .join('\n');
}

/** The first disagreements, each with what every model answered. */
export function renderDisagreements(report: EvalReport, limit = 5): string {
  if (report.disagreements.length === 0) return '';
  const lines = [`disagreements on ${report.primaryScorer} (${report.disagreements.length})`];
  for (const d of report.disagreements.slice(0, limit)) {
    lines.push(
      `  line ${d.line}: ${JSON.stringify(clip(d.question, 60))} expected ${JSON.stringify(clip(d.expected, 40))}`,
    );
    for (const a of d.answers) {
      const mark = a.pass ? paint(out, 'green', '✓') : paint(out, 'red', '✗');
      lines.push(`    ${mark} ${a.candidate}: ${clip(a.answer)}`);
    }
  }
  if (report.disagreements.length > limit) {
    lines.push(
      `  … ${report.disagreements.length - limit} more (all of them in --json and --html)`,
    );
  }
  return lines.join('\n');
}

/** The graded scorers' caveat, when there is one. */
export function renderCaveats(report: EvalReport): string {
  return report.scorers
    .filter((s) => s.kind === 'model-graded')
    .map((s) =>
      paint(
        out,
        'yellow',
        `note: "${s.name}" is model-graded: ${s.grader}'s judgment, not a check.`,
      ),
    )
    .join('\n');
}

/** The whole human report of `tunekit eval`. */
export function renderEvalReport(report: EvalReport): string {
  const head = `${paint(out, 'bold', report.examples.source)}: ${plural(report.examples.count, 'example')} × ${plural(report.candidates.length, 'model')}, primary scorer ${report.primaryScorer} (95 % intervals in brackets)`;
  return [
    head,
    renderSummary(report),
    renderComparisons(report),
    renderDisagreements(report),
    renderCaveats(report),
  ]
    .filter((section) => section !== '')
    .join('\n\n');
}
