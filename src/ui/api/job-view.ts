import { type FineTuningJob, isTerminalJobStatus } from '../../schemas/index.ts';
import type { CostBook, CostView } from './cost.ts';
import type { Lifecycles, LifecycleView } from './lifecycles.ts';

/** A job as the page shows it in lists: the API's fields plus what tunekit works out. */
export interface JobRow {
  id: string;
  status: string;
  /** Succeeded, failed or cancelled: it will not change again. */
  terminal: boolean;
  model: string;
  fineTunedModel: string | null;
  method: string | null;
  suffix: string | null;
  /** Unix seconds. */
  createdAt: number;
  finishedAt: number | null;
  estimatedFinish: number | null;
  /** Seconds from creation to the end, or to now while the job runs; null when the end is unknown. */
  durationS: number | null;
  trainedTokens: number | null;
  cost: CostView;
  lifecycle: LifecycleView | null;
  /** Scalar hyperparameters (`n_epochs`, `learning_rate_multiplier`, …), resolved or asked. */
  hyperparameters: Record<string, string | number | boolean>;
  error: { code: string | null; message: string | null; param: string | null } | null;
  trainingFile: string;
  validationFile: string | null;
}

function scalars(value: unknown): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
      out[key] = item;
    }
  }
  return out;
}

/** The hyperparameters the job runs with, else those its method asked for. */
function hyperparametersOf(job: FineTuningJob): Record<string, string | number | boolean> {
  const method = job.method as Record<string, unknown> | null | undefined;
  const asked = method?.[String(method?.type)] as { hyperparameters?: unknown } | undefined;
  return { ...scalars(asked?.hyperparameters), ...scalars(job.hyperparameters) };
}

/**
 * The row of a job; `nowS` is the server's clock in seconds (the fake's own clock under
 * `--fake`), for the duration of a running job.
 *
 * @example
 * const row = jobRow(job, Date.now() / 1000, costs, lifecycles);
 */
export function jobRow(
  job: FineTuningJob,
  nowS: number,
  costs: CostBook,
  lifecycles: Lifecycles,
): JobRow {
  const terminal = isTerminalJobStatus(job.status);
  // A cancelled job may have no `finished_at`: its duration is then unknown.
  const end = job.finished_at ?? (terminal ? null : nowS);
  return {
    id: job.id,
    status: job.status,
    terminal,
    model: job.model,
    fineTunedModel: job.fine_tuned_model ?? null,
    method: job.method?.type ?? null,
    suffix: job.user_provided_suffix ?? null,
    createdAt: job.created_at,
    finishedAt: job.finished_at ?? null,
    estimatedFinish: job.estimated_finish ?? null,
    durationS: end === null ? null : Math.max(0, Math.round(end - job.created_at)),
    trainedTokens: job.trained_tokens ?? null,
    cost: costs.of(job),
    lifecycle: lifecycles.of(job.model),
    hyperparameters: hyperparametersOf(job),
    error:
      job.error && (job.error.code || job.error.message)
        ? {
            code: job.error.code ?? null,
            message: job.error.message ?? null,
            param: job.error.param ?? null,
          }
        : null,
    trainingFile: job.training_file,
    validationFile: job.validation_file ?? null,
  };
}
