import type { RoiEstimate } from '../../data/roi/estimate.ts';
import { describeDuration } from '../../data/roi/volume.ts';
import { renderCost } from '../data/render.ts';
import { paint } from '../output/color.ts';
import { formatCount, plural, renderTable } from '../output/table.ts';

const out = process.stdout;
const tokens = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** The human report of `tunekit cost`: a side-by-side table, the figures, and a verdict. */
export function renderRoi(roi: RoiEstimate): string {
  const { prices, perRequest, volume } = roi;
  const source = roi.requests.source
    ? `${plural(roi.requests.count, 'sample request')} from ${roi.requests.source}`
    : 'a typical request given as token counts';
  const head = `${paint(out, 'bold', roi.model)}: ${source}`;
  const rows: string[][] = [
    ['', 'base model, long prompt', 'fine-tuned, short prompt'].map((c) => paint(out, 'dim', c)),
    [
      'prompt tokens / request',
      tokens(perRequest.base.inputTokens),
      tokens(perRequest.fineTuned.inputTokens),
    ],
    [
      'output tokens / request',
      tokens(perRequest.base.outputTokens),
      tokens(perRequest.fineTuned.outputTokens),
    ],
    [
      'price in / out per 1M',
      `$${prices.base.inputPer1M} / $${prices.base.outputPer1M}`,
      `$${prices.fineTuned.inputPer1M} / $${prices.fineTuned.outputPer1M}`,
    ],
    ['cost / request', `$${perRequest.base.usd}`, `$${perRequest.fineTuned.usd}`],
  ];
  if (volume) {
    rows.push([
      `cost / ${volume.per} (${formatCount(volume.requests)})`,
      `$${volume.baseUsd}`,
      `$${volume.fineTunedUsd}`,
    ]);
  }
  rows.push([
    'training (once)',
    '–',
    roi.training.estimate ? renderCost(roi.training.estimate) : `$${roi.training.usd} (given)`,
  ]);
  const saves = perRequest.savingsUsd.startsWith('-')
    ? `costs $${perRequest.savingsUsd.slice(1)} more per request`
    : `$${perRequest.savingsUsd} per request`;
  const perPeriod = volume
    ? volume.savingsUsd.startsWith('-')
      ? `$${volume.savingsUsd.slice(1)} more per ${volume.per}`
      : `$${volume.savingsUsd} per ${volume.per}`
    : '';
  const facts: string[][] = [
    ['savings', volume ? `${saves} · ${perPeriod}` : saves],
    [
      'break-even',
      roi.breakEvenRequests === null
        ? 'never: the fine-tuned request costs more'
        : `${plural(roi.breakEvenRequests, 'request')}${volume ? ` (${describeDuration(roi.breakEvenRequests, volume)} at ${formatCount(volume.requests)}/${volume.per})` : ''}`,
    ],
    [
      'prompt',
      `${roi.promptReduction.actual.text} shorter; ${roi.promptReduction.neededForEqualCost ? `${roi.promptReduction.neededForEqualCost.text} shorter costs the same` : 'no prompt is short enough for equal cost'} (rule of thumb at ${roi.priceMultiplier.input}× the input price: ${roi.promptReduction.ruleOfThumb.text})`,
    ],
    [
      'prices',
      [...new Set([prices.base, prices.fineTuned].map((p) => `${p.source} (${p.asOf})`))].join(
        '; ',
      ),
    ],
  ];
  if (roi.training.file && !roi.training.file.valid) {
    facts.push([
      'note',
      `the training file has ${plural(roi.training.file.errors, 'error')}: run tunekit data validate ${roi.training.file.source}`,
    ]);
  }
  const verdict = roi.paysOff
    ? paint(out, 'green', `✓ ${roi.verdict}`)
    : paint(out, 'yellow', `✗ ${roi.verdict}`);
  return [
    head,
    renderTable(rows, '  '),
    renderTable(
      facts.map(([k, v]) => [paint(out, 'dim', k as string), v as string]),
      '  ',
    ),
    verdict,
  ].join('\n\n');
}
