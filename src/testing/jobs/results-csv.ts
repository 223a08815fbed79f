import type { StepMetrics } from './loss-curve.ts';

/** The columns of the result file the real service writes for a supervised job. */
export const RESULT_COLUMNS = [
  'step',
  'train_loss',
  'train_accuracy',
  'valid_loss',
  'valid_mean_token_accuracy',
] as const;

/**
 * The metrics CSV of a finished job: one row a step, validation columns left empty when the
 * job had no validation file.
 */
export function resultsCsv(steps: readonly StepMetrics[]): string {
  const rows = steps.map((s) =>
    [s.step, s.train_loss, s.train_mean_token_accuracy, s.valid_loss, s.valid_mean_token_accuracy]
      .map((value) => (value === undefined ? '' : String(value)))
      .join(','),
  );
  return `${[RESULT_COLUMNS.join(','), ...rows].join('\n')}\n`;
}

/** The result file's content as the API serves it: the CSV, base64-encoded. */
export function resultFileContent(steps: readonly StepMetrics[]): Uint8Array {
  return new TextEncoder().encode(Buffer.from(resultsCsv(steps), 'utf8').toString('base64'));
}
