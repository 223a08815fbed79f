import { autoEpochs } from '../../data/cost.ts';
import { lossCurve, type StepMetrics } from './loss-curve.ts';
import type { TrainingFileCheck } from './training-file.ts';

/** How long each phase of a job takes, in simulated milliseconds. */
export interface JobTimings {
  /** `validating_files` until the files are judged. */
  validateMs: number;
  /** `queued` until training starts. */
  queueMs: number;
  /** One training step. */
  stepMs: number;
  /** From the last step to `succeeded` (checkpoints, model, safety evaluation). */
  finishMs: number;
}

/** Plausible durations for a small job; real jobs take minutes to hours. */
export const DEFAULT_TIMINGS: JobTimings = {
  validateMs: 20_000,
  queueMs: 30_000,
  stepMs: 1_000,
  finishMs: 15_000,
};

/** Why a job failed, as the job's `error`. */
export interface JobError {
  code: string;
  message: string;
  param: string | null;
}

/** The hyperparameters a job was asked for: numbers or `"auto"`. */
export type RequestedHyperparameters = Record<string, unknown>;

/** The hyperparameters a job runs with, `auto` replaced by numbers. */
export interface ResolvedHyperparameters {
  n_epochs: number;
  batch_size: number;
  learning_rate_multiplier: number;
  [name: string]: unknown;
}

/** Something that happens to a job after `at` milliseconds of its active (unpaused) life. */
export type Milestone =
  | { at: number; kind: 'validated' }
  | { at: number; kind: 'rejected'; error: JobError }
  | { at: number; kind: 'started' }
  | { at: number; kind: 'step'; metrics: StepMetrics; totalSteps: number }
  | { at: number; kind: 'checkpoint'; metrics: StepMetrics; final: boolean }
  | { at: number; kind: 'finished' };

/** Everything a job will do, decided when it is created. */
export interface JobPlan {
  milestones: Milestone[];
  hyperparameters: ResolvedHyperparameters | null;
  trainedTokens: number | null;
  steps: StepMetrics[];
}

/** What the plan is made from. */
export interface PlanInput {
  training: TrainingFileCheck;
  validation: TrainingFileCheck | undefined;
  requested: RequestedHyperparameters;
  seed: number;
  timings: JobTimings;
}

/**
 * `auto` batch size: about 0.2 % of the examples, from 1 to 256 (the rule OpenAI documented
 * for its earlier fine-tuning API; the current service does not publish one).
 */
function autoBatchSize(examples: number): number {
  return Math.min(256, Math.max(1, Math.ceil(examples * 0.002)));
}

/** `auto` learning-rate multiplier: plausible values seen on real jobs, not a published rule. */
function autoLearningRate(batchSize: number): number {
  return batchSize === 1 ? 1.8 : 2;
}

function resolve(requested: RequestedHyperparameters, examples: number): ResolvedHyperparameters {
  const pick = (name: string, auto: () => number): number => {
    const value = requested[name];
    return typeof value === 'number' ? value : auto();
  };
  const batch_size = pick('batch_size', () => autoBatchSize(examples));
  const resolved: ResolvedHyperparameters = {
    n_epochs: pick('n_epochs', () => autoEpochs(examples)),
    batch_size,
    learning_rate_multiplier: pick('learning_rate_multiplier', () => autoLearningRate(batch_size)),
  };
  if ('beta' in requested) resolved.beta = pick('beta', () => 0.1);
  return resolved;
}

/** The failure of a job whose file did not pass the check. */
function fileError(check: TrainingFileCheck, param: 'training_file' | 'validation_file'): JobError {
  if (check.valid) throw new Error('fileError() needs a failed check');
  const which = param === 'training_file' ? 'training' : 'validation';
  if (check.code === 'invalid_n_examples') {
    return { code: 'invalid_n_examples', message: check.reason, param };
  }
  return {
    code: `invalid_${which}_file`,
    message: `The job failed due to an invalid ${which} file. Invalid file format. ${check.reason}`,
    param,
  };
}

/**
 * Plans a job: a failure after validation when a file is bad; otherwise queued, started, one
 * metrics step at a time (steps per epoch = examples ÷ batch size, rounded up), a checkpoint
 * at the end of each of the last three epochs, then success.
 */
export function planJob(input: PlanInput): JobPlan {
  const { training, validation, timings } = input;
  const rejected = !training.valid
    ? fileError(training, 'training_file')
    : validation && !validation.valid
      ? fileError(validation, 'validation_file')
      : undefined;
  if (rejected || !training.valid) {
    return {
      milestones: [{ at: timings.validateMs, kind: 'rejected', error: rejected as JobError }],
      hyperparameters: null,
      trainedTokens: null,
      steps: [],
    };
  }

  const hyperparameters = resolve(input.requested, training.examples);
  const stepsPerEpoch = Math.ceil(training.examples / hyperparameters.batch_size);
  const totalSteps = stepsPerEpoch * hyperparameters.n_epochs;
  const steps = lossCurve(totalSteps, input.seed, validation !== undefined);
  const started = timings.validateMs + timings.queueMs;
  const milestones: Milestone[] = [
    { at: timings.validateMs, kind: 'validated' },
    { at: started, kind: 'started' },
  ];
  const firstCheckpointEpoch = Math.max(1, hyperparameters.n_epochs - 2);
  for (const metrics of steps) {
    const at = started + metrics.step * timings.stepMs;
    milestones.push({ at, kind: 'step', metrics, totalSteps });
    const epoch = metrics.step / stepsPerEpoch;
    if (Number.isInteger(epoch) && epoch >= firstCheckpointEpoch) {
      milestones.push({ at, kind: 'checkpoint', metrics, final: metrics.step === totalSteps });
    }
  }
  milestones.push({
    at: started + totalSteps * timings.stepMs + timings.finishMs,
    kind: 'finished',
  });
  return {
    milestones,
    hyperparameters,
    trainedTokens: training.tokens * hyperparameters.n_epochs,
    steps,
  };
}
