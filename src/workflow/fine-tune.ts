import { basename } from 'node:path';
import type { TuneKit } from '../client.ts';
import type { ModelLifecycle } from '../data/catalog/lifecycle.ts';
import type { TrainingCostEstimate } from '../data/cost.ts';
import type { ValidationReport } from '../data/validate/report.ts';
import type { MetricsRow } from '../resources/jobs/metrics.ts';
import type { UploadProgress } from '../resources/uploads/upload-file.ts';
import type { FileObject } from '../schemas/file.ts';
import type { FineTuningJobEvent } from '../schemas/fine-tuning-event.ts';
import type { FineTuningJob } from '../schemas/fine-tuning-job.ts';
import { epochsOf, type FineTuningMethod } from '../schemas/fine-tuning-method.ts';
import { FineTuneDeclinedError, TrainingDataError } from './errors/training-data-error.ts';
import { sha256OfFile, UploadCache } from './upload-cache.ts';

/** Which of the two files a step is about. */
export type FileRole = 'training' | 'validation';

/** What `fineTune` is doing, for a progress display. */
export type FineTuneStage =
  | { stage: 'validated'; role: FileRole; path: string; report: ValidationReport }
  | { stage: 'uploading'; role: FileRole; path: string; progress?: UploadProgress }
  | { stage: 'uploaded'; role: FileRole; path: string; file: FileObject; reused: boolean }
  | { stage: 'processed'; role: FileRole; file: FileObject }
  | { stage: 'created'; job: FineTuningJob }
  | { stage: 'finished'; job: FineTuningJob };

/** What is about to be spent, shown to `confirm` before anything is uploaded. */
export interface FineTunePlan {
  model: string;
  /** Whether the model can still be trained and when it shuts down (API dates preferred). */
  lifecycle: ModelLifecycle | null;
  training: ValidationReport;
  validation: ValidationReport | undefined;
  /** The estimate, when the catalog knows the model's price. */
  cost: TrainingCostEstimate | null;
}

/** Options of `fineTune`. */
export interface FineTuneOptions {
  /** Path of the training JSONL. */
  trainingFile: string;
  /** Path of a validation JSONL. */
  validationFile?: string | undefined;
  /** Base model (or a fine-tuned model to continue from). */
  model: string;
  suffix?: string | undefined;
  method?: FineTuningMethod | undefined;
  seed?: number | undefined;
  metadata?: Record<string, string> | undefined;
  /** Check the files locally first and refuse files with errors. Default: true. */
  validate?: boolean | undefined;
  /**
   * Reuse a file uploaded before with the same content, name and size (checked with the API)
   * instead of uploading it again. Default: true. Records live in `cacheDir`.
   */
  reuseUploads?: boolean | undefined;
  /** Where upload records are kept. Default: `$TUNEKIT_CACHE_DIR` or `~/.cache/tunekit`. */
  cacheDir?: string | undefined;
  /** Called after validation with what will be spent; return false to stop there. */
  confirm?: ((plan: FineTunePlan) => boolean | Promise<boolean>) | undefined;
  onStage?: ((stage: FineTuneStage) => void | Promise<void>) | undefined;
  onEvent?: ((event: FineTuningJobEvent) => void | Promise<void>) | undefined;
  /** Called with the job each time its status is read while following it. */
  onJob?: ((job: FineTuningJob) => void) | undefined;
  /** Log the model-lifecycle warning of `jobs.create` (default true; see there). */
  lifecycleWarning?: boolean | undefined;
  /** Tag for the job's idempotent creation; see `jobs.create`. */
  idempotencyToken?: string | undefined;
  /** Give up waiting after this many ms (the job goes on). Default: none. */
  timeout?: number | undefined;
  pollInterval?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** What a finished fine-tune gives back. */
export interface FineTuneResult {
  job: FineTuningJob;
  /** The fine-tuned model's name, ready for chat completions. */
  model: string;
  metrics: MetricsRow[];
  trainingFile: FileObject;
  validationFile: FileObject | null;
  /** The local validation report of the training file (null with `validate: false`). */
  report: ValidationReport | null;
}

/** The catalog entry to check data for: the model itself, or the base of a fine-tuned model. */
async function catalogModel(model: string): Promise<string | undefined> {
  const { baseModelOf, defaultCatalog } = await import('../data/catalog/catalog.ts');
  const base = baseModelOf(model) ?? model;
  return defaultCatalog.find(base) ? base : undefined;
}

/**
 * The whole flow from a JSONL file to a working fine-tuned model: validate locally (refusing
 * files with errors before anything is spent), upload (reusing an identical file uploaded
 * before), wait for processing, create the job (idempotently), follow it to the end, and read
 * its metrics.
 *
 * @example
 * const { model, metrics } = await client.fineTune({
 *   trainingFile: 'train.jsonl',
 *   model: 'gpt-4.1-mini-2025-04-14',
 *   onEvent: (event) => console.log(event.message),
 * });
 */
export async function fineTune(client: TuneKit, options: FineTuneOptions): Promise<FineTuneResult> {
  const { signal } = options;
  const validate = options.validate !== false;
  const files: Array<{ role: FileRole; path: string }> = [
    { role: 'training', path: options.trainingFile },
  ];
  if (options.validationFile) files.push({ role: 'validation', path: options.validationFile });

  // 1. Validate: refuse before anything is uploaded or spent.
  const reports = new Map<FileRole, ValidationReport>();
  const checkedFor = await catalogModel(options.model);
  if (validate) {
    const { validateTrainingFile } = await import('../data/validate/validate.ts');
    const format =
      options.method?.type === 'dpo'
        ? 'preference'
        : options.method?.type === 'reinforcement'
          ? 'reinforcement'
          : undefined;
    for (const { role, path } of files) {
      const report = await validateTrainingFile(path, {
        ...(checkedFor ? { model: checkedFor } : {}),
        ...(format ? { format } : {}),
      });
      await options.onStage?.({ stage: 'validated', role, path, report });
      // A validation file may be small: only a training file needs 10 examples.
      const errors = report.problems.filter(
        (problem) =>
          problem.severity === 'error' &&
          !(role === 'validation' && problem.code === 'too_few_examples'),
      );
      if (errors.length > 0 || (role === 'training' && !report.valid))
        throw new TrainingDataError(path, report);
      reports.set(role, report);
    }
  }
  const training = reports.get('training');
  if (options.confirm) {
    const plan: FineTunePlan = {
      model: options.model,
      lifecycle: await client.models.lifecycle(options.model, { signal }).catch(() => null),
      training: training as ValidationReport,
      validation: reports.get('validation'),
      cost: await costOf(training, checkedFor, options.method),
    };
    if (!(await options.confirm(plan))) throw new FineTuneDeclinedError();
  }

  // 2. Upload (or reuse) and wait for processing.
  const uploaded = new Map<FileRole, FileObject>();
  for (const { role, path } of files) {
    const file = await uploadOrReuse(client, role, path, options);
    const ready = await client.files.waitForProcessing(file.id, { signal });
    await options.onStage?.({ stage: 'processed', role, file: ready });
    uploaded.set(role, ready);
  }
  const trainingFile = uploaded.get('training') as FileObject;
  const validationFile = uploaded.get('validation') ?? null;

  // 3. Create (idempotently) and follow to the end.
  const job = await client.jobs.create(
    {
      model: options.model,
      training_file: trainingFile.id,
      ...(validationFile ? { validation_file: validationFile.id } : {}),
      ...(options.suffix ? { suffix: options.suffix } : {}),
      ...(options.method ? { method: options.method } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.metadata ? { metadata: options.metadata } : {}),
    },
    {
      signal,
      idempotencyToken: options.idempotencyToken,
      lifecycleWarning: options.lifecycleWarning,
    },
  );
  await options.onStage?.({ stage: 'created', job });
  const done = await client.jobs.wait(job.id, {
    signal,
    onEvent: options.onEvent,
    onJob: options.onJob,
    timeout: options.timeout,
    pollInterval: options.pollInterval,
  });
  await options.onStage?.({ stage: 'finished', job: done });

  return {
    job: done,
    model: done.fine_tuned_model ?? '',
    metrics: await client.jobs.metrics(done.id, { signal }),
    trainingFile,
    validationFile,
    report: training ?? null,
  };
}

async function costOf(
  report: ValidationReport | undefined,
  model: string | undefined,
  method: FineTuningMethod | undefined,
): Promise<TrainingCostEstimate | null> {
  if (!report || !model) return null;
  const epochs = epochsOf(method);
  if (epochs === 'auto') return report.cost;
  const [{ defaultCatalog }, { estimateTrainingCost }] = await Promise.all([
    import('../data/catalog/catalog.ts'),
    import('../data/cost.ts'),
  ]);
  const entry = defaultCatalog.find(model);
  if (!entry) return null;
  return estimateTrainingCost({
    model: entry,
    tokensPerEpoch: report.stats.billableTokensPerEpoch,
    examples: report.stats.examples,
    epochs,
  });
}

/** Uploads a file, or reuses the same file uploaded before if the API still has it. */
async function uploadOrReuse(
  client: TuneKit,
  role: FileRole,
  path: string,
  options: FineTuneOptions,
): Promise<FileObject> {
  const { signal } = options;
  const filename = basename(path);
  const cache = options.reuseUploads === false ? undefined : new UploadCache(options.cacheDir);
  const { stat } = await import('node:fs/promises');
  const bytes = (await stat(path)).size;
  const key = {
    sha256: cache ? await sha256OfFile(path, signal) : '',
    bytes,
    filename,
    purpose: 'fine-tune',
    scope: `${client.baseURL} ${client.organization ?? ''} ${client.project ?? ''}`,
  };
  for (const record of cache ? await cache.find(key) : []) {
    const existing = await client.files.retrieve(record.fileId, { signal }).catch(() => undefined);
    if (
      existing &&
      existing.bytes === bytes &&
      existing.filename === filename &&
      existing.status !== 'error'
    ) {
      await options.onStage?.({ stage: 'uploaded', role, path, file: existing, reused: true });
      return existing;
    }
    await cache?.forget(record.fileId);
  }
  await options.onStage?.({ stage: 'uploading', role, path });
  const file = await client.files.upload(path, {
    purpose: 'fine-tune',
    signal,
    onProgress: (progress) => {
      void options.onStage?.({ stage: 'uploading', role, path, progress });
    },
  });
  await cache?.remember({ ...key, fileId: file.id, uploadedAt: new Date().toISOString() });
  await options.onStage?.({ stage: 'uploaded', role, path, file, reused: false });
  return file;
}
