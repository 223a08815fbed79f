import { randomUUID } from 'node:crypto';
import { isTerminalJobStatus } from '../../../schemas/fine-tuning-job.ts';
import {
  DEFAULT_LEARNING_RATE,
  togetherCheckpoint,
  togetherEvent,
  truncatedJob,
} from '../../dialects/together.ts';
import { parseJsonBody } from '../../http/read-body.ts';
import { jsonResponse } from '../../http/respond.ts';
import { invalidRequest, missingParameter, RouteError } from '../../http/route-error.ts';
import type { Route } from '../../http/router.ts';
import { type JobRecord, startingState } from '../../jobs/job-record.ts';
import { planJob } from '../../jobs/plan.ts';
import { checkTrainingFile } from '../../jobs/training-file.ts';
import type { FineTuningMethodType } from '../../models/catalog.ts';
import { param, type RouteContext } from '../../route-context.ts';
import type { World } from '../../world.ts';

/** The fields of `POST /fine-tunes` Together's client knows; any other is refused. */
const KNOWN_FIELDS = new Set([
  'model',
  'training_file',
  'validation_file',
  'n_epochs',
  'n_checkpoints',
  'n_evals',
  'batch_size',
  'learning_rate',
  'lr_scheduler',
  'warmup_ratio',
  'max_grad_norm',
  'weight_decay',
  'max_seq_length',
  'packing',
  'random_seed',
  'suffix',
  'wandb_api_key',
  'wandb_base_url',
  'wandb_project_name',
  'wandb_name',
  'wandb_entity',
  'train_on_inputs',
  'training_method',
  'training_type',
  'multimodal_params',
  'from_checkpoint',
  'from_hf_model',
  'hf_model_revision',
  'hf_api_token',
  'hf_output_repo_name',
  'gradient_accumulation_steps',
  'early_stopping_enabled',
  'early_stopping_min_delta',
  'early_stopping_patience',
  'early_stopping_warmup_evals',
]);

type Body = Record<string, unknown>;

function notFound(id: string): RouteError {
  return new RouteError(404, { message: `Fine-tune job not found: ${id}`, param: 'id' });
}

function findJob(world: World, id: string): JobRecord {
  const job = world.state.jobs.get(id);
  if (!job) throw notFound(id);
  return job;
}

function readBody(context: RouteContext): Body {
  const body = parseJsonBody(context.body);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest('The request body must be a JSON object.');
  }
  for (const key of Object.keys(body)) {
    if (!KNOWN_FIELDS.has(key)) throw invalidRequest(`Unknown field: ${key}`, key);
  }
  return body as Body;
}

function positiveInteger(body: Body, name: string, max: number): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalidRequest(`${name} must be an integer from 1 to ${max}.`, name);
  }
  return value;
}

function methodOf(body: Body): FineTuningMethodType {
  const training = body.training_method as { method?: unknown } | undefined;
  const method = training?.method ?? 'sft';
  if (method === 'sft') return 'supervised';
  if (method === 'dpo') return 'dpo';
  throw invalidRequest(
    `training_method.method must be 'sft' or 'dpo', not ${JSON.stringify(method)}.`,
    'training_method',
  );
}

function fineTuneFile(world: World, id: unknown, name: string): Uint8Array {
  if (typeof id !== 'string' || id === '') throw missingParameter(name);
  const file = world.state.files.get(id);
  if (!file) throw invalidRequest(`${name} ${id} does not exist.`, name);
  if (file.purpose !== 'fine-tune') {
    throw invalidRequest(`${name} ${id} has purpose '${file.purpose}', not 'fine-tune'.`, name);
  }
  return file.content;
}

function checkOwnFields(body: Body): void {
  const type = (body.training_type as { type?: unknown } | undefined)?.type;
  if (type !== undefined && type !== 'Lora' && type !== 'Full') {
    throw invalidRequest(`training_type.type must be 'Lora' or 'Full'.`, 'training_type');
  }
  const rate = body.learning_rate;
  if (rate !== undefined && !(typeof rate === 'number' && rate > 0)) {
    throw invalidRequest('learning_rate must be a positive number.', 'learning_rate');
  }
  const batch = body.batch_size;
  if (
    batch !== undefined &&
    batch !== 'max' &&
    !(Number.isInteger(batch) && (batch as number) > 0)
  ) {
    throw invalidRequest("batch_size must be a positive integer or 'max'.", 'batch_size');
  }
  const suffix = body.suffix;
  if (suffix !== undefined && (typeof suffix !== 'string' || suffix.length > 64)) {
    throw invalidRequest('suffix must be a string of at most 64 characters.', 'suffix');
  }
}

/** The Together fields a job echoes (everything but the ones the fake keeps elsewhere). */
function ownFields(body: Body): Record<string, unknown> {
  const {
    model: _model,
    training_file: _training,
    validation_file: _validation,
    n_epochs: _epochs,
    batch_size: _batch,
    random_seed: _seed,
    suffix: _suffix,
    ...own
  } = body;
  return own;
}

async function createJob(context: RouteContext): Promise<Response> {
  const { world } = context;
  const body = readBody(context);
  if (typeof body.model !== 'string' || body.model === '') throw missingParameter('model');
  checkOwnFields(body);
  const method = methodOf(body);
  const entry = world.catalog.find(body.model);
  if (!entry?.fineTuning.includes(method)) {
    throw invalidRequest(`Model ${body.model} is not supported for fine-tuning.`, 'model');
  }
  const training = fineTuneFile(world, body.training_file, 'training_file');
  const validation = body.validation_file
    ? fineTuneFile(world, body.validation_file, 'validation_file')
    : undefined;
  const nEpochs = positiveInteger(body, 'n_epochs', 20) ?? 1;
  const requested: Record<string, unknown> = {
    n_epochs: nEpochs,
    batch_size: typeof body.batch_size === 'number' ? body.batch_size : 'auto',
    learning_rate_multiplier: 'auto',
  };
  const seed = typeof body.random_seed === 'number' ? body.random_seed : 42;
  const suffix = typeof body.suffix === 'string' ? body.suffix : null;
  const now = world.clock.now();
  const id = `ft-${randomUUID()}`;
  const minimum = { minExamples: 1 };
  const job: JobRecord = {
    id,
    createdAt: world.clock.seconds(),
    model: entry.id,
    baseSnapshot: entry.id,
    organizationId: world.organization.id,
    trainingFile: body.training_file as string,
    validationFile: (body.validation_file as string | undefined) || null,
    suffix,
    seed,
    metadata: null,
    trainingType: null,
    integrations: [],
    methodType: method,
    methodExtras: {},
    together: { learning_rate: DEFAULT_LEARNING_RATE, ...ownFields(body) },
    requested,
    trainingContent: training,
    plannedModel: context.dialect.fineTunedModelName({
      snapshot: entry.id,
      organization: world.organization.name,
      suffix,
    }),
    plan: planJob({
      training: await checkTrainingFile(training, method, 'training', minimum),
      validation:
        validation && (await checkTrainingFile(validation, method, 'validation', minimum)),
      requested,
      seed,
      timings: world.timings,
    }),
    ...startingState(now),
  };
  world.jobs.add(job);
  return jsonResponse(truncatedJob(job));
}

function listJobs(context: RouteContext): Response {
  // `{data}` only, oldest first: Together's list has no pagination, and its order is not documented.
  const data = [...context.world.state.jobs.values()].map(truncatedJob);
  return jsonResponse({ data });
}

function retrieveJob(context: RouteContext): Response {
  return jsonResponse(context.dialect.job(findJob(context.world, param(context, 'id'))));
}

/**
 * `POST /fine-tunes/{id}/cancel`: the answer says `cancel_requested`; the job reads
 * `cancelled` from then on (Together stops it asynchronously; the fake at once).
 */
function cancelJob(context: RouteContext): Response {
  const job = findJob(context.world, param(context, 'id'));
  if (isTerminalJobStatus(job.status)) {
    throw invalidRequest(
      `Fine-tune job ${job.id} has already finished and cannot be cancelled.`,
      'id',
    );
  }
  context.world.jobs.cancel(job);
  return jsonResponse({ ...truncatedJob(job), status: 'cancel_requested' });
}

function listEvents(context: RouteContext): Response {
  const job = findJob(context.world, param(context, 'id'));
  return jsonResponse({ data: job.history.events.map(togetherEvent) });
}

function listCheckpoints(context: RouteContext): Response {
  const job = findJob(context.world, param(context, 'id'));
  const data = job.history.checkpoints.map((checkpoint) => togetherCheckpoint(job, checkpoint));
  return jsonResponse({ data });
}

/** `GET /fine-tunes/{id}/metrics`: the loss of every step trained so far. */
function listMetrics(context: RouteContext): Response {
  const job = findJob(context.world, param(context, 'id'));
  const applied = job.plan.milestones.slice(0, job.progress.next);
  const rate = (job.together?.learning_rate as number | undefined) ?? DEFAULT_LEARNING_RATE;
  const metrics = applied.flatMap((milestone) =>
    milestone.kind === 'step'
      ? [
          {
            'train/global_step': milestone.metrics.step,
            'train/loss': milestone.metrics.train_loss,
            'train/learning_rate': rate,
            ...(milestone.metrics.valid_loss === undefined
              ? {}
              : { 'eval/loss': milestone.metrics.valid_loss }),
          },
        ]
      : [],
  );
  return jsonResponse({ metrics });
}

/** `GET /finetune/download?ft_id=`: the weights of a completed job, as an archive. */
function download(context: RouteContext): Response {
  const id = context.url.searchParams.get('ft_id');
  if (!id) throw missingParameter('ft_id');
  const job = findJob(context.world, id);
  if (job.status !== 'succeeded') {
    throw invalidRequest(
      `Fine-tune job ${id} has not completed: nothing to download yet.`,
      'ft_id',
    );
  }
  const checkpoint = context.url.searchParams.get('checkpoint') ?? 'merged';
  const step = context.url.searchParams.get('checkpoint_step') ?? 'final';
  return new Response(`tunekit fake weights: ${job.plannedModel} (${checkpoint}, step ${step})\n`, {
    headers: {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${id}-${checkpoint}.tar.zst"`,
    },
  });
}

const JOB = '/fine-tunes/:id';

/** Together's `/fine-tunes`: jobs, cancel, events, checkpoints, metrics, and the download. */
export const togetherJobRoutes: Route[] = [
  { name: 'jobs.create', method: 'POST', path: '/fine-tunes', handle: createJob },
  { name: 'jobs.list', method: 'GET', path: '/fine-tunes', handle: listJobs },
  { name: 'jobs.retrieve', method: 'GET', path: JOB, handle: retrieveJob },
  { name: 'jobs.cancel', method: 'POST', path: `${JOB}/cancel`, handle: cancelJob },
  { name: 'jobs.events', method: 'GET', path: `${JOB}/events`, handle: listEvents },
  { name: 'jobs.checkpoints', method: 'GET', path: `${JOB}/checkpoints`, handle: listCheckpoints },
  { name: 'jobs.metrics', method: 'GET', path: `${JOB}/metrics`, handle: listMetrics },
  { name: 'jobs.download', method: 'GET', path: '/finetune/download', handle: download },
];
