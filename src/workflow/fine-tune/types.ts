import type { AnswerSchemas } from '../../data/answers/answer-check.ts';
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
  /** The create is about to be sent, tagged with this client token (none: untagged). */
  | { stage: 'creating'; token: string | undefined }
  | { stage: 'created'; job: FineTuningJob }
  /** An earlier run started this job with the same client token: it is followed instead. */
  | { stage: 'resumed'; job: FineTuningJob; token: string }
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
  /**
   * Check the files locally first and refuse files with errors. Default: true. Pass
   * `{ answers }` to also check every trained answer against the schemas production will ask
   * for (see `validateTrainingFile`'s `answers`): a model trained on answers that do not match
   * them is refused before anything is uploaded.
   *
   * @example
   * await fineTune(client, { trainingFile, model, validate: { answers: { response: Invoice } } });
   */
  validate?: boolean | { answers?: AnswerSchemas | undefined } | undefined;
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
  /**
   * The job's client token (see `jobs.create`). A job already tagged with it — started by an
   * earlier run — is followed instead of creating another (unless `newJob`).
   */
  idempotencyToken?: string | undefined;
  /**
   * Resume across restarts: without `idempotencyToken`, derive the token from the files'
   * content and the options (see `resumeToken`), so a run with the same files and options
   * finds the job an earlier run started and follows it instead of starting another.
   * Default: false (every call starts a job).
   */
  resume?: boolean | undefined;
  /**
   * Start a new job even when one with the token exists. It carries the same token, so later
   * resumed runs follow it (the newest job with a token wins). Default: false.
   */
  newJob?: boolean | undefined;
  /** How long a create that failed ambiguously is looked for; see `jobs.create`. */
  lookupGrace?: number | undefined;
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
  /** The files the job trained on (a resumed job's, as the API has them now). */
  trainingFile: FileObject;
  validationFile: FileObject | null;
  /**
   * The local validation report of the training file (null with `validate: false`, and
   * when an earlier run's job was resumed: nothing was validated).
   */
  report: ValidationReport | null;
  /** Whether the job was started by an earlier run and resumed here. */
  resumed: boolean;
  /**
   * The client token the job was created (or found) with: `idempotencyToken` or the derived
   * one of `resume`; undefined when neither was asked for (`jobs.create` made up its own).
   */
  clientToken: string | undefined;
}
