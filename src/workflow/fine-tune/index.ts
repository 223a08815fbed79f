import type { TuneKit } from '../../client.ts';
import type { FineTuneOptions, FineTuneResult } from './types.ts';

/**
 * The whole flow from a JSONL file to a working fine-tuned model: validate locally (refusing
 * files with errors before anything is uploaded or spent, with a `TrainingDataError` carrying
 * the full report), upload (reusing an identical file uploaded before), wait for processing,
 * create the job idempotently, follow it to the end and read its metrics. The flow's code is
 * loaded on the first call only.
 *
 * @example
 * import { TuneKit, fineTune } from 'tunekit';
 * const { model, job, metrics } = await fineTune(new TuneKit(), {
 *   trainingFile: 'train.jsonl',
 *   model: 'gpt-4.1-mini-2025-04-14',
 *   onEvent: (event) => console.log(event.message),
 * });
 */
export async function fineTune(client: TuneKit, options: FineTuneOptions): Promise<FineTuneResult> {
  const { runFineTune } = await import('./run.ts');
  return runFineTune(client, options);
}
