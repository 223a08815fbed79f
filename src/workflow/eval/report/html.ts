import { VERSION } from '../../../version.ts';
import { escapeHtml as esc } from './escape.ts';
import { costChart, latencyChart, PALETTE, scoreChart } from './svg.ts';
import type { CandidateSummary, EvalReport, ScoreSummary } from './types.ts';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eee;vertical-align:top}
th{font-weight:600;background:#fafafa}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.muted{color:#666}.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
.pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:600}
.badge{display:inline-block;font-size:11px;padding:1px 6px;border-radius:8px;background:#eef;color:#335;margin-left:4px}
.badge.graded{background:#fff1d6;color:#7a4a00}.warn{background:#fff8e1;border:1px solid #f0d48a;padding:8px 12px;border-radius:6px}
figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:4px}pre{white-space:pre-wrap;margin:0;font:12px/1.4 ui-monospace,monospace}
`;

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

function scoreCell(score: ScoreSummary | undefined): string {
  if (!score || score.n === 0) return '<td class="n muted">–</td>';
  const unscored = score.unscored
    ? ` <span class="muted">(${score.unscored} not scored)</span>`
    : '';
  return `<td class="n">${pct(score.mean)} <span class="muted">[${pct(score.interval.low)}–${pct(score.interval.high)}] n=${score.n}</span>${unscored}</td>`;
}

function summaryTable(report: EvalReport): string {
  const heads = report.scorers.map(
    (s) =>
      `<th>${esc(s.name)}${s.kind === 'model-graded' ? '<span class="badge graded">model-graded</span>' : ''}</th>`,
  );
  const rows = report.candidates.map((c: CandidateSummary, i) => {
    const latency = c.latencyMs ? `${c.latencyMs.p50} / ${c.latencyMs.p95}` : '–';
    const tokens = c.tokens ? `${c.tokens.prompt} / ${c.tokens.completion}` : '–';
    return `<tr><td><span class="swatch" style="background:${PALETTE[i % PALETTE.length]}"></span>${esc(c.name)}<div class="muted">${esc(c.model)}${c.prompt ? ` · prompt: ${esc(c.prompt)}` : ''}</div></td>${report.scorers.map((s) => scoreCell(c.scores[s.name])).join('')}<td class="n">${c.answered}${c.errors ? ` <span class="fail">${c.errors} failed</span>` : ''}${c.pending ? ` <span class="muted">${c.pending} pending</span>` : ''}</td><td class="n">${latency}</td><td class="n">${tokens}</td><td class="n">${c.costPerRequestUsd === null ? '–' : `$${esc(c.costPerRequestUsd)}`}</td><td class="n">${c.totalCostUsd === null ? '–' : `$${esc(c.totalCostUsd)}`}</td></tr>`;
  });
  return `<table id="summary-table"><thead><tr><th>model</th>${heads.join('')}<th>answered</th><th>latency p50 / p95 ms</th><th>tokens in / out</th><th>cost / request</th><th>total cost</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function comparisons(report: EvalReport): string {
  if (report.comparisons.length === 0) return '<p class="muted">One model: nothing to compare.</p>';
  const rows = report.comparisons.map(
    (c) =>
      `<tr><td>${esc(c.a)}</td><td>${esc(c.b)}</td><td class="n">${c.aWins}</td><td class="n">${c.bWins}</td><td class="n">${c.ties}</td><td class="n">${c.pValue < 0.0001 ? '&lt; 0.0001' : c.pValue.toFixed(4)}</td></tr>`,
  );
  return `<table id="comparisons-table"><thead><tr><th>A</th><th>B</th><th>A better</th><th>B better</th><th>ties</th><th>sign test p</th></tr></thead><tbody>${rows.join('')}</tbody></table><p class="muted">Per example on <b>${esc(report.primaryScorer)}</b>; p is the exact two-sided sign test (ties left out): below 0.05, a split this uneven is unlikely to be chance.</p>`;
}

function disagreements(report: EvalReport): string {
  if (report.disagreements.length === 0)
    return '<p class="muted">The models agree on every example scored.</p>';
  const rows = report.disagreements.map(
    (d) =>
      `<tr><td class="n">${d.line}</td><td><pre>${esc(d.question)}</pre></td><td><pre>${esc(d.expected)}</pre></td><td>${d.answers
        .map(
          (a) =>
            `<div><span class="${a.pass ? 'pass' : 'fail'}">${a.pass ? '✓' : '✗'}</span> <b>${esc(a.candidate)}</b><pre>${esc(a.answer)}</pre>${a.detail ? `<div class="muted">${esc(a.detail)}</div>` : ''}</div>`,
        )
        .join('')}</td></tr>`,
  );
  return `<table id="disagreements-table"><thead><tr><th>line</th><th>question</th><th>expected</th><th>answers</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function scorers(report: EvalReport): string {
  const items = report.scorers.map((s) => {
    const marker =
      s.kind === 'model-graded'
        ? `<span class="badge graded">model-graded by ${esc(s.grader ?? '?')}: another model's opinion, not a check</span>`
        : `<span class="badge">${esc(s.kind)}</span>`;
    return `<li><b>${esc(s.name)}</b>${marker}${s.name === report.primaryScorer ? '<span class="badge">primary</span>' : ''}<div class="muted">${esc(s.description)}</div></li>`;
  });
  return `<ul>${items.join('')}</ul>`;
}

function runFacts(report: EvalReport): string {
  const run = report.run;
  const warning = run.complete
    ? ''
    : `<p class="warn">Incomplete: ${run.pending} of ${run.total} requests were not sent${run.stopReason ? ` (${esc(run.stopReason)})` : ''}. Scores cover the answers so far; run again with the same results file to continue.</p>`;
  const prices = report.candidates
    .map((c) =>
      c.prices
        ? `<li>${esc(c.model)}: $${esc(c.prices.inputPer1M)} in / $${esc(c.prices.outputPer1M)} out per 1M tokens <span class="muted">(${esc(c.prices.source)}, ${esc(c.prices.asOf)})</span></li>`
        : `<li>${esc(c.model)}: price unknown</li>`,
    )
    .join('');
  return `${warning}<table><tbody><tr><td>requests</td><td class="n">${run.total} (${run.reused} reused from the results file, ${run.sent} sent, ${run.gradingRequests} grading)</td></tr><tr><td>spent by this run</td><td class="n">${run.spentUsd === null ? 'unknown' : `$${esc(run.spentUsd)}`}</td></tr><tr><td>results file</td><td>${run.resultsFile ? esc(run.resultsFile) : '–'}</td></tr></tbody></table><p class="muted">${esc(report.confidence.methods)}</p><ul>${prices}</ul>`;
}

/**
 * Renders a report as one self-contained HTML page: tables, and the charts (score with its
 * 95 % interval, cost per request, latency distribution) as inline SVG. Nothing is loaded from
 * anywhere — a Content-Security-Policy forbids it — so it opens offline and can be mailed.
 * Every text from the data or the models is escaped.
 *
 * @example
 * import { writeFile } from 'node:fs/promises';
 * await writeFile('report.html', renderEvalHtml(report));
 */
export function renderEvalHtml(report: EvalReport): string {
  const title = `Evaluation of ${report.candidates.length} model${report.candidates.length === 1 ? '' : 's'} on ${report.examples.count} examples`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — tunekit</title><style>${STYLE}</style></head>
<body>
<header><h1>${esc(title)}</h1><p class="muted">${esc(report.examples.source)} · ${esc(report.createdAt)} · primary scorer: ${esc(report.primaryScorer)}</p></header>
<section id="summary"><h2>Summary</h2>${summaryTable(report)}</section>
<section id="charts"><h2>Charts</h2>
<figure><figcaption>Score (${esc(report.primaryScorer)}) with 95 % interval</figcaption>${scoreChart(report)}</figure>
<figure><figcaption>Cost per request</figcaption>${costChart(report)}</figure>
<figure><figcaption>Latency distribution</figcaption>${latencyChart(report)}</figure>
</section>
<section id="comparisons"><h2>Head to head</h2>${comparisons(report)}</section>
<section id="disagreements"><h2>Where the models disagree (${report.disagreements.length})</h2>${disagreements(report)}</section>
<section id="scorers"><h2>Scorers</h2>${scorers(report)}</section>
<section id="run"><h2>The run</h2>${runFacts(report)}</section>
<footer class="muted"><p>Made by tunekit ${esc(VERSION)}.</p></footer>
</body></html>
`;
}
