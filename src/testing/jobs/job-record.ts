import type { FineTuningJobCheckpoint } from '../../schemas/fine-tuning-checkpoint.ts';
import type { FineTuningJobEvent } from '../../schemas/fine-tuning-event.ts';
import type { FineTuningJob } from '../../schemas/fine-tuning-job.ts';
import type { FineTuningMethodType } from '../models/catalog.ts';
import type {
  JobError,
  JobPlan,
  RequestedHyperparameters,
  ResolvedHyperparameters,
} from './plan.ts';

/** A job's events and checkpoints, kept in the order they happened (lists show them reversed). */
export interface JobHistory {
  events: FineTuningJobEvent[];
  checkpoints: FineTuningJobCheckpoint[];
}

/** Where a job is on its plan. */
export interface JobProgress {
  /** Index of the next milestone to apply. */
  next: number;
  /** Active (unpaused) simulated milliseconds the job has lived. */
  activeMs: number;
  /** Simulated time the job was last brought up to date. */
  lastTickMs: number;
}

/** A fine-tuning job as the fake keeps it. */
export interface JobRecord {
  id: string;
  createdAt: number;
  /** As the client asked: a snapshot, or a fine-tuned model to continue from. */
  model: string;
  /** The snapshot at the root of `model`, which names the fine-tuned model. */
  baseSnapshot: string;
  organizationId: string;
  trainingFile: string;
  validationFile: string | null;
  suffix: string | null;
  seed: number;
  metadata: Record<string, string> | null;
  /** Azure's training tier as requested, or null. */
  trainingType: string | null;
  integrations: unknown[];
  methodType: FineTuningMethodType;
  /** Method fields other than hyperparameters (a reinforcement job's grader). */
  methodExtras: Record<string, unknown>;
  /** Together AI's own request fields (LoRA, learning rate…), echoed in its job objects. */
  together?: Record<string, unknown> | undefined;
  requested: RequestedHyperparameters;
  /** The training file's bytes when the job was created (the file may be deleted later). */
  trainingContent: Uint8Array;
  /** The fine-tuned model's name, decided at creation, published on success. */
  plannedModel: string;
  plan: JobPlan;
  progress: JobProgress;

  status: string;
  statusBeforePause: string | null;
  error: JobError | null;
  hyperparameters: ResolvedHyperparameters | null;
  fineTunedModel: string | null;
  finishedAt: number | null;
  estimatedFinish: number | null;
  resultFiles: string[];
  trainedTokens: number | null;
  history: JobHistory;
}

/** The part of a job's record that every new job starts with, whatever created it. */
export type JobStartingState = Pick<
  JobRecord,
  | 'progress'
  | 'status'
  | 'statusBeforePause'
  | 'error'
  | 'hyperparameters'
  | 'fineTunedModel'
  | 'finishedAt'
  | 'estimatedFinish'
  | 'resultFiles'
  | 'trainedTokens'
  | 'history'
>;

/**
 * A new job's state at `nowMs` (the fake clock's milliseconds): validating its files, nothing
 * trained, no events. The OpenAI-style and the Together routes create jobs from it alike.
 */
export function startingState(nowMs: number): JobStartingState {
  return {
    progress: { next: 0, activeMs: 0, lastTickMs: nowMs },
    status: 'validating_files',
    statusBeforePause: null,
    error: null,
    hyperparameters: null,
    fineTunedModel: null,
    finishedAt: null,
    estimatedFinish: null,
    resultFiles: [],
    trainedTokens: null,
    history: { events: [], checkpoints: [] },
  };
}

const NO_ERROR = { code: null, message: null, param: null };

/**
 * The job as the API shows it. Hyperparameters read `"auto"` until training starts, then the
 * numbers used; `error` is an object of nulls unless the job failed, as real responses have it.
 */
export function serializeJob(job: JobRecord): FineTuningJob {
  const hyperparameters = { ...job.requested, ...job.hyperparameters };
  return {
    object: 'fine_tuning.job',
    id: job.id,
    created_at: job.createdAt,
    model: job.model,
    status: job.status,
    training_file: job.trainingFile,
    validation_file: job.validationFile,
    fine_tuned_model: job.fineTunedModel,
    finished_at: job.finishedAt,
    error: job.error ? { ...job.error } : NO_ERROR,
    hyperparameters,
    method: {
      type: job.methodType,
      [job.methodType]: { ...job.methodExtras, hyperparameters },
    },
    organization_id: job.organizationId,
    result_files: job.resultFiles,
    trained_tokens: job.trainedTokens,
    integrations: job.integrations as FineTuningJob['integrations'],
    seed: job.seed,
    estimated_finish: job.estimatedFinish,
    metadata: job.metadata,
    user_provided_suffix: job.suffix,
  };
}
