import { z } from 'zod';
import {
  FineTuningIntegration,
  FineTuningMethod,
  SupervisedHyperparameters,
} from './fine-tuning-method.ts';
import { openEnum } from './open-enum.ts';
import { TogetherJobDetails, TogetherJobOptions } from './together.ts';

/**
 * Where a job is in its life. `paused` is real but missing from the published enum; Azure
 * reports `pending` before validation starts.
 */
export const FineTuningJobStatus = openEnum([
  'validating_files',
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'paused',
  'pending',
]);
export type FineTuningJobStatus = z.infer<typeof FineTuningJobStatus>;

/** Statuses after which a job never changes again. */
export const TERMINAL_JOB_STATUSES: readonly string[] = ['succeeded', 'failed', 'cancelled'];

/**
 * Whether a job in this status is finished for good (succeeded, failed or cancelled): a paused
 * or queued job is not, and neither is a status this version does not know.
 *
 * @example
 * isTerminalJobStatus('succeeded'); // true
 * isTerminalJobStatus('paused'); // false
 * const job = await client.jobs.retrieve(id);
 * if (!isTerminalJobStatus(job.status)) console.log('still', job.status);
 */
export function isTerminalJobStatus(status: string): boolean {
  return TERMINAL_JOB_STATUSES.includes(status);
}

/** Why a job failed. Real responses send `{code: null, message: null, param: null}` too. */
export const FineTuningJobError = z.looseObject({
  code: z.string().nullish(),
  message: z.string().nullish(),
  param: z.string().nullish(),
});
export type FineTuningJobError = z.infer<typeof FineTuningJobError>;

/** A fine-tuning job (`object: "fine_tuning.job"`). */
export const FineTuningJob = z.looseObject({
  id: z.string(),
  object: z.string(),
  created_at: z.number(),
  model: z.string(),
  status: FineTuningJobStatus,
  training_file: z.string(),
  validation_file: z.string().nullish(),
  fine_tuned_model: z.string().nullish(),
  finished_at: z.number().nullish(),
  error: FineTuningJobError.nullish(),
  hyperparameters: z.looseObject({}).nullish(),
  method: z.looseObject({ type: z.string() }).nullish(),
  organization_id: z.string().nullish(),
  // Azure sends null until the job has results.
  result_files: z.array(z.string()).nullish(),
  trained_tokens: z.number().nullish(),
  integrations: z.array(z.looseObject({ type: z.string() })).nullish(),
  seed: z.number().nullish(),
  estimated_finish: z.number().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  user_provided_suffix: z.string().nullish(),
  /** Together AI only: what its job says that has no field here (raw status, LoRA, price…). */
  together: TogetherJobDetails.nullish(),
});
export type FineTuningJob = z.infer<typeof FineTuningJob>;

/** Body of `POST /fine_tuning/jobs`. */
export const JobCreateParams = z.object({
  /** The base model (or a fine-tuned model to continue from). */
  model: z.string().min(1),
  /** Id of an uploaded file with purpose `fine-tune`. */
  training_file: z.string().min(1),
  /** Id of an uploaded file with purpose `fine-tune`, used for validation metrics. */
  validation_file: z.string().nullish(),
  /** Up to 64 characters added to the fine-tuned model's name. */
  suffix: z.string().min(1).max(64).nullish(),
  seed: z.number().int().nullish(),
  method: FineTuningMethod.optional(),
  /** @deprecated Pass hyperparameters inside `method` instead. */
  hyperparameters: SupervisedHyperparameters.optional(),
  integrations: z.array(FineTuningIntegration).max(5).nullish(),
  /** Up to 16 string pairs kept with the job; keys ≤ 64 characters, values ≤ 512. */
  metadata: z.record(z.string().max(64), z.string().max(512)).nullish(),
  /**
   * Azure AI Foundry only: the training tier. `Standard` trains in the resource's region (data
   * residency), `GlobalStandard` anywhere (cheaper), `Developer` on spare capacity (cheapest,
   * may be preempted and resumed). Other providers refuse it with `NotSupportedByProviderError`.
   */
  trainingType: openEnum(['Standard', 'GlobalStandard', 'Developer']).optional(),
  /**
   * Together AI only: its own job parameters (LoRA or full training, the learning rate itself,
   * scheduler, checkpoints, evaluations…). Other providers refuse it with
   * `NotSupportedByProviderError`.
   */
  together: TogetherJobOptions.optional(),
});
export type JobCreateParams = z.infer<typeof JobCreateParams>;

/** Query of `GET /fine_tuning/jobs`. */
export const JobListParams = z.object({
  after: z.string().optional(),
  limit: z.number().int().optional(),
  /** Only jobs whose metadata has these pairs (`metadata[key]=value`). */
  metadata: z.record(z.string(), z.string()).optional(),
});
export type JobListParams = z.infer<typeof JobListParams>;

/** Query of the paginated job sub-lists (events, checkpoints). */
export const CursorParams = z.object({
  after: z.string().optional(),
  limit: z.number().int().optional(),
});
export type CursorParams = z.infer<typeof CursorParams>;
