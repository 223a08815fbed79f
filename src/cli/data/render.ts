import type { TrainingCostEstimate } from '../../data/cost.ts';
import type { Problem } from '../../data/problems.ts';
import type { Distribution } from '../../data/stats.ts';
import type { DataStatistics, ValidationReport } from '../../data/validate/report.ts';
import { paint } from '../output/color.ts';
import { renderHistogram } from '../output/histogram.ts';
import { formatBytes, formatCount, plural, renderTable } from '../output/table.ts';

const out = process.stdout;

function distribution(d: Distribution | null): string {
  if (!d) return '–';
  return `min ${formatCount(d.min)} · p10 ${formatCount(d.p10)} · median ${formatCount(d.median)} · mean ${d.mean.toLocaleString('en-US')} · p90 ${formatCount(d.p90)} · max ${formatCount(d.max)}`;
}

function share(part: number, whole: number): string {
  return whole === 0
    ? formatCount(part)
    : `${formatCount(part)} (${Math.round((part / whole) * 100)}%)`;
}

/** The statistics table of a report. */
export function renderStats(report: ValidationReport): string {
  const s: DataStatistics = report.stats;
  const rows: string[][] = [
    ['examples', formatCount(s.examples)],
    ['messages / example', distribution(s.messagesPerExample)],
    ['tokens / example', distribution(s.tokensPerExample)],
    ['assistant tokens / example', distribution(s.assistantTokensPerExample)],
    ['with system message', share(s.examplesWithSystemMessage, s.examples)],
    ['without system message', share(s.examplesWithoutSystemMessage, s.examples)],
    ['with tool calls', share(s.examplesWithToolCalls, s.examples)],
    [
      'images',
      s.imagesNotCounted > 0
        ? `${formatCount(s.images)} (${formatCount(s.imagesNotCounted)} not counted in tokens)`
        : formatCount(s.images),
    ],
    ['total tokens', formatCount(s.totalTokens)],
    ['billable tokens / epoch', formatCount(s.billableTokensPerEpoch)],
  ];
  if (report.maxTokensPerExample !== null) {
    rows.push([
      `over ${formatCount(report.maxTokensPerExample)} tokens`,
      formatCount(s.examplesOverTokenLimit),
    ]);
  }
  return renderTable(rows, '  ');
}

/** The tokens-per-example histogram of a report. */
export function renderTokenHistogram(report: ValidationReport): string {
  const buckets = report.stats.tokenHistogram.map((b) => ({
    label: `${formatCount(b.from)}–${formatCount(b.to - 1)}`,
    count: b.count,
  }));
  return buckets.length === 0 ? '' : `tokens per example\n${renderHistogram(buckets, 32, '  ')}`;
}

/** One line per estimate: "$2.40 = 300,000 tokens (3 epochs, auto) × $8/1M". */
export function renderCost(cost: TrainingCostEstimate): string {
  const epochs = `${cost.epochs} epoch${cost.epochs === 1 ? '' : 's'}${cost.autoEpochs ? ', auto' : ''}`;
  if (cost.usd === null)
    return `${formatCount(cost.trainedTokens)} trained tokens (${epochs}); ${cost.note ?? 'no price'}`;
  return `$${cost.usd} = ${formatCount(cost.trainedTokens)} trained tokens (${formatCount(cost.tokensPerEpoch)} × ${epochs}) at $${cost.usdPer1M}/1M`;
}

function renderProblem(file: string, p: Problem): string {
  const where =
    p.line === undefined
      ? file
      : `${file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
  const severity =
    p.severity === 'error' ? paint(out, 'red', 'error  ') : paint(out, 'yellow', 'warning');
  return `  ${where}  ${severity}  ${paint(out, 'dim', p.code)}  ${withAnswerPath(p)}`;
}

/**
 * An answer check's problem with the place inside the answer set after the place in the line:
 * `messages[2].content › lines[0].qty: must be integer`. Other problems are shown as they are.
 */
function withAnswerPath(p: Problem): string {
  if (!p.answerPath || !p.path) return p.message;
  const prefix = `${p.path}: ${p.answerPath} `;
  if (p.message.startsWith(prefix)) {
    return `${p.path} › ${p.answerPath}: ${p.message.slice(prefix.length)}`;
  }
  return `${p.message} (in the answer: ${p.answerPath})`;
}

/** The full human report of `tunekit data validate`. */
export function renderReport(file: string, report: ValidationReport): string {
  const head = [
    `${paint(out, 'bold', file)}: ${report.format ?? 'unknown'} format${report.formatForced ? ' (forced)' : ''}, ${plural(report.stats.examples, 'example')}, ${formatBytes(report.bytes)}`,
    `tokens counted with ${report.encoding}${report.model ? ` for ${report.model}` : ' (no --model: no token limit or cost)'}`,
  ];
  const sections = [head.join('\n'), renderStats(report)];
  if (report.cost) sections.push(`estimated cost  ${renderCost(report.cost)}`);
  const histogram = renderTokenHistogram(report);
  if (histogram) sections.push(histogram);
  if (report.problems.length > 0) {
    const counts = Object.entries(report.counts)
      .map(([code, n]) => `${code} ${formatCount(n)}`)
      .join(', ');
    const lines = [`problems (${counts})`, ...report.problems.map((p) => renderProblem(file, p))];
    if (report.problemsTruncated) {
      const listed = report.problems.length;
      lines.push(
        `  … ${formatCount(report.errors + report.warnings - listed)} more (raise --max-problems, or use --json)`,
      );
    }
    sections.push(lines.join('\n'));
  }
  const verdict = report.valid
    ? paint(
        out,
        'green',
        `✓ valid${report.warnings > 0 ? ` (${plural(report.warnings, 'warning')})` : ''}`,
      )
    : paint(
        out,
        'red',
        `✗ invalid: ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`,
      );
  sections.push(verdict);
  return sections.join('\n\n');
}
