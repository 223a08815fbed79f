import type { TuneKit } from '../../client.ts';
import { NotFoundError } from '../../index.ts';
import {
  type FineTuningJob,
  type FineTuningJobCheckpoint,
  isTerminalJobStatus,
} from '../../schemas/index.ts';
import { type FailureView, failureOf } from './failure-advice.ts';
import type { JobRow } from './job-view.ts';
import { type MetricPoint, pointsOfRows } from './metrics.ts';
import { describeError, type PageError } from './page-error.ts';

/** A checkpoint as the page lists it. */
export interface CheckpointView {
  id: string;
  step: number;
  model: string;
  createdAt: number;
  trainLoss: number | null;
  validLoss: number | null;
  trainAccuracy: number | null;
  validAccuracy: number | null;
}

/** A file of a job, with what is known of it. */
export interface FileView {
  id: string;
  role: 'training' | 'validation' | 'result';
  filename: string | null;
  bytes: number | null;
  /** The API no longer has it (deleted, expired) or would not say. */
  missing: boolean;
}

/** Whether an action can be taken on the job now, and why not. */
export interface ActionView {
  available: boolean;
  reason: string | null;
}

/** Everything the job page shows besides the live events and curves. */
export interface JobDetail {
  job: JobRow;
  seed: number | null;
  metadata: Record<string, string>;
  integrations: string[];
  checkpoints: CheckpointView[] | null;
  checkpointsError: PageError | null;
  files: FileView[];
  failure: FailureView | null;
  actions: { cancel: ActionView; pause: ActionView; resume: ActionView };
}

/** Checkpoints kept per job: the API keeps a handful (the last epochs). */
const MAX_CHECKPOINTS = 100;

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function checkpointView(checkpoint: FineTuningJobCheckpoint): CheckpointView {
  const metrics = (checkpoint.metrics ?? {}) as Record<string, unknown>;
  return {
    id: checkpoint.id,
    step: checkpoint.step_number,
    model: checkpoint.fine_tuned_model_checkpoint,
    createdAt: checkpoint.created_at,
    trainLoss: num(metrics.train_loss),
    validLoss: num(metrics.full_valid_loss) ?? num(metrics.valid_loss),
    trainAccuracy: num(metrics.train_mean_token_accuracy),
    validAccuracy:
      num(metrics.full_valid_mean_token_accuracy) ?? num(metrics.valid_mean_token_accuracy),
  };
}

async function checkpointsOf(client: TuneKit, job: FineTuningJob) {
  if (!client.provider.supports('jobs.checkpoints')) {
    return { checkpoints: null, checkpointsError: null };
  }
  try {
    const checkpoints: CheckpointView[] = [];
    for await (const checkpoint of client.jobs.checkpoints(job.id, { limit: 20 })) {
      checkpoints.push(checkpointView(checkpoint));
      if (checkpoints.length >= MAX_CHECKPOINTS) break;
    }
    return { checkpoints: checkpoints.sort((a, b) => a.step - b.step), checkpointsError: null };
  } catch (error) {
    return { checkpoints: [], checkpointsError: describeError(error) };
  }
}

async function fileView(client: TuneKit, id: string, role: FileView['role']): Promise<FileView> {
  try {
    const file = await client.files.retrieve(id);
    return { id, role, filename: file.filename, bytes: file.bytes ?? null, missing: false };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    return { id, role, filename: null, bytes: null, missing: true };
  }
}

function filesOf(client: TuneKit, job: FineTuningJob): Promise<FileView[]> {
  const wanted: Array<[string, FileView['role']]> = [[job.training_file, 'training']];
  if (job.validation_file) wanted.push([job.validation_file, 'validation']);
  for (const id of job.result_files ?? []) wanted.push([id, 'result']);
  return Promise.all(wanted.map(([id, role]) => fileView(client, id, role)));
}

/**
 * Whether cancel, pause and resume make sense now: the provider must offer them
 * (`client.provider.supports`) and the job must be in a state they apply to.
 *
 * @example
 * actionsOf(client, job).pause; // { available: false, reason: 'My gateway does not offer this.' }
 */
export function actionsOf(client: TuneKit, job: FineTuningJob): JobDetail['actions'] {
  const { label } = client.provider;
  const finished = isTerminalJobStatus(job.status);
  const action = (
    feature: 'jobs.cancel' | 'jobs.pause' | 'jobs.resume',
    applies: boolean,
    why: string,
  ) =>
    !client.provider.supports(feature)
      ? { available: false, reason: `${label} does not offer this.` }
      : applies
        ? { available: true, reason: null }
        : { available: false, reason: why };
  return {
    cancel: action('jobs.cancel', !finished, `The job has ${job.status}.`),
    pause: action(
      'jobs.pause',
      !finished && job.status !== 'paused',
      finished ? `The job has ${job.status}.` : 'The job is paused.',
    ),
    resume: action('jobs.resume', job.status === 'paused', 'Only a paused job can be resumed.'),
  };
}

/**
 * The job page's data: the job (as `row`), its checkpoints and files, why it failed, and the
 * actions open to it.
 *
 * @example
 * const detail = await jobDetail(client, job, row);
 */
export async function jobDetail(
  client: TuneKit,
  job: FineTuningJob,
  row: JobRow,
): Promise<JobDetail> {
  const [checkpoints, files] = await Promise.all([
    checkpointsOf(client, job),
    filesOf(client, job),
  ]);
  const metadata = { ...(job.metadata ?? {}) };
  return {
    job: row,
    seed: job.seed ?? null,
    metadata,
    integrations: (job.integrations ?? []).map((integration) => integration.type),
    ...checkpoints,
    files,
    failure: job.status === 'failed' ? failureOf(job.error) : null,
    actions: actionsOf(client, job),
  };
}

/**
 * A job's curves from its result file (`client.jobs.metrics`), once it has one.
 *
 * @example
 * const { points } = await metricsOf(client, 'ftjob-1');
 */
export async function metricsOf(
  client: TuneKit,
  jobId: string,
): Promise<{ points: MetricPoint[] }> {
  return { points: pointsOfRows(await client.jobs.metrics(jobId)) };
}
