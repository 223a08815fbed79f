import type { ValidationReport } from '../../data/validate/report.ts';
import type { MetricsRow } from '../../resources/jobs/metrics.ts';
import type { UploadProgress } from '../../resources/uploads/upload-file.ts';
import type { FileObject } from '../../schemas/file.ts';
import type { FineTuningJobEvent } from '../../schemas/fine-tuning-event.ts';
import type { FineTuningJob } from '../../schemas/fine-tuning-job.ts';
import type { FineTuningMethod } from '../../schemas/fine-tuning-method.ts';
import type { JobPlan } from '../plan/plan-job.ts';

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

/**
 * What is about to be spent, shown to `confirm` before anything is uploaded: the model's
 * lifecycle, the files' reports and the cost estimate (see `planJob`).
 */
export type FineTunePlan = JobPlan;

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
  /** Called at each step; a returned promise is awaited, any other return value ignored. */
  onStage?: ((stage: FineTuneStage) => unknown) | undefined;
  /** Called with every job event, oldest first; a returned promise is awaited. */
  onEvent?: ((event: FineTuningJobEvent) => unknown) | undefined;
  /** Called with the job each time its status is read while following it. */
  onJob?: ((job: FineTuningJob) => void) | undefined;
  /** Log the model-lifecycle warning of `jobs.create` (default true; see there). */
  lifecycleWarning?: boolean | undefined;
  /** Tag for the job's idempotent creation; see `jobs.create`. */
  idempotencyToken?: string | undefined;
  /**
   * The longest wait for the job in all, in ms: then a `WaitTimeoutError` (the job goes on).
   * Default: none. Not the client's `timeout`, which bounds one request attempt.
   */
  maxWait?: number | undefined;
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
