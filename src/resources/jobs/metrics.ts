import { z } from 'zod';
import { TuneKitError } from '../../core/errors/tunekit-error.ts';
import type { FineTuningJob } from '../../schemas/fine-tuning-job.ts';

/**
 * One row of a job's metrics: the step and whatever the service measured at it. Every metric
 * may be missing (validation metrics only appear every few steps, and providers differ in
 * columns); columns not listed here are kept as numbers too.
 */
export const MetricsRow = z.looseObject({
  step: z.number(),
  train_loss: z.number().nullable(),
  train_accuracy: z.number().nullable(),
  valid_loss: z.number().nullable(),
  valid_mean_token_accuracy: z.number().nullable(),
});
export type MetricsRow = z.infer<typeof MetricsRow>;

/**
 * A result file that is neither CSV nor base64-encoded CSV.
 *
 * @example
 * const rows = await client.jobs.metrics(jobId).catch((error) => {
 *   if (!(error instanceof MetricsParseError)) throw error;
 *   console.error(`unreadable result file: ${error.message}`);
 *   return [];
 * });
 */
export class MetricsParseError extends TuneKitError {
  override name = 'MetricsParseError';
}

const KNOWN_COLUMNS = ['train_loss', 'train_accuracy', 'valid_loss', 'valid_mean_token_accuracy'];

/** Result files are base64 of a CSV at OpenAI; plain CSV elsewhere. Tell them apart. */
function decodeResultFile(content: string): string {
  const trimmed = content.trim();
  if (trimmed.includes(',') || trimmed.includes('\n')) return content;
  if (!/^[A-Za-z0-9+/]+=*$/.test(trimmed)) {
    throw new MetricsParseError('The result file is neither CSV nor base64-encoded CSV.');
  }
  return Buffer.from(trimmed, 'base64').toString('utf8');
}

function toNumber(value: string | undefined): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (text === '' || text.toLowerCase() === 'nan') return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}

/**
 * Parses a fine-tuning result file — the CSV the service writes, base64-encoded or not — into
 * typed rows sorted by step. Missing columns and empty cells become `null`; rows without a
 * step are skipped.
 *
 * @example
 * const rows = await parseMetricsCsv(await client.files.text(job.result_files[0]));
 * console.log(rows.at(-1)?.train_loss);
 */
export async function parseMetricsCsv(content: string): Promise<MetricsRow[]> {
  const csv = decodeResultFile(content).replace(/^\uFEFF/, '');
  // Loaded on first use: most programs never read a result file.
  const { parse } = await import('csv-parse/sync');
  let records: Array<Record<string, string>>;
  try {
    records = parse(csv, {
      columns: (header: string[]) => header.map((name) => name.trim()),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (error) {
    throw new MetricsParseError(`The result file is not valid CSV: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const rows: MetricsRow[] = [];
  for (const record of records) {
    const step = toNumber(record.step);
    if (step === null) continue;
    const row: MetricsRow = {
      step,
      train_loss: null,
      train_accuracy: null,
      valid_loss: null,
      valid_mean_token_accuracy: null,
    };
    for (const [column, value] of Object.entries(record)) {
      if (column === 'step' || column === '') continue;
      row[column] = toNumber(value);
    }
    for (const column of KNOWN_COLUMNS) row[column] ??= null;
    rows.push(row);
  }
  return rows.sort((a, b) => a.step - b.step);
}

/**
 * The metrics of a job: its result files read with `readText` and parsed, sorted by step.
 * Empty while the job has no result file.
 */
export async function metricsOfJob(
  job: FineTuningJob,
  readText: (fileId: string) => Promise<string>,
): Promise<MetricsRow[]> {
  const rows: MetricsRow[] = [];
  for (const fileId of job.result_files ?? []) {
    rows.push(...(await parseMetricsCsv(await readText(fileId))));
  }
  return rows.sort((a, b) => a.step - b.step);
}
