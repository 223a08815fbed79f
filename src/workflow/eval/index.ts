import type { TuneKit } from '../../client.ts';
import type { EvalOptions } from './options.ts';
import type { EvalReport } from './report/types.ts';

/**
 * Evaluates models on a held-out set: every example is sent to every candidate (each with its
 * own prompt variant), with bounded concurrency and the client's retries; answers are scored,
 * appended to the results file as they arrive, and summed up in a report with 95 % intervals,
 * wins/losses/ties, latency, tokens and cost.
 *
 * A request budget and a cost cap stop the run *before* a request could pass them (the report
 * then says what is pending; run again with the same results file to continue). A request
 * that still fails after the retries is recorded and asked again on the next run; a wrong key,
 * a missing permission or an unknown model stops the run with its error. The evaluation code
 * (tokenizer, JSON Schema validator) is loaded on the first call only.
 *
 * @example
 * import { runEval, scorers } from 'tunekit';
 * import { loadPromptVariant } from 'tunekit/data';
 *
 * const report = await runEval(client, {
 *   examples: 'held-out.jsonl',
 *   candidates: [
 *     { model: 'gpt-4o-mini', prompt: await loadPromptVariant('long-prompt.json') },
 *     { model: job.fine_tuned_model! },
 *   ],
 *   scorers: [scorers.exactMatch(), scorers.jsonValid()],
 *   resultsFile: 'results.jsonl',
 *   maxCostUsd: '2.00',
 * });
 * for (const c of report.candidates) console.log(c.name, c.scores.exact?.mean);
 */
export async function runEval(client: TuneKit, options: EvalOptions): Promise<EvalReport> {
  const { evaluate } = await import('./run.ts');
  return evaluate(client, options);
}
