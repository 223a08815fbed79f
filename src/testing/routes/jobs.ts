import { isTerminalJobStatus, JobCreateParams } from '../../schemas/fine-tuning-job.ts';
import { paginate } from '../http/pagination.ts';
import { readJsonBody } from '../http/read-body.ts';
import { jsonResponse } from '../http/respond.ts';
import { invalidRequest, RouteError } from '../http/route-error.ts';
import type { Route } from '../http/router.ts';
import { newId } from '../ids.ts';
import { type JobRecord, startingState } from '../jobs/job-record.ts';
import { planJob, type RequestedHyperparameters } from '../jobs/plan.ts';
import { checkTrainingFile } from '../jobs/training-file.ts';
import type { FineTuningMethodType } from '../models/catalog.ts';
import { param, type RouteContext } from '../route-context.ts';
import type { World } from '../world.ts';

/** Jobs may carry up to 16 metadata pairs. */
const MAX_METADATA_PAIRS = 16;

/** The job with this id, or the API's 404. */
export function findJob(world: World, id: string): JobRecord {
  const job = world.state.jobs.get(id);
  if (!job) {
    throw new RouteError(404, {
      message: `Could not find fine-tuning job: ${id}`,
      param: 'fine_tuning_job_id',
    });
  }
  return job;
}

/** The snapshot a job trains from: a catalog model that supports the method, or a model the fake trained. */
function baseSnapshot(world: World, model: string, method: FineTuningMethodType): string {
  const notAvailable = () =>
    invalidRequest(
      `Model ${model} is not available for fine-tuning or does not exist.`,
      'model',
      'model_not_available',
    );
  const trained = world.state.trainedModels.get(model);
  if (trained) return trained.base;
  const entry = world.catalog.find(model);
  if (!entry || entry.fineTuning.length === 0) throw notAvailable();
  if (!entry.fineTuning.includes(method)) {
    throw invalidRequest(
      `Model ${model} does not support the '${method}' fine-tuning method; it supports ${entry.fineTuning.map((m) => `'${m}'`).join(', ')}.`,
      'method.type',
      'invalid_value',
    );
  }
  return entry.id;
}

/** A file a job may use: it exists and has purpose `fine-tune`. */
function fineTuneFile(world: World, id: string, paramName: string): Uint8Array {
  const file = world.state.files.get(id);
  if (!file) throw invalidRequest(`invalid ${paramName}: ${id}`, paramName);
  if (file.purpose !== 'fine-tune') {
    throw invalidRequest(
      `File ${id} has purpose '${file.purpose}', but fine-tuning needs a file with purpose 'fine-tune'.`,
      paramName,
    );
  }
  return file.content;
}

/** What the job was asked for: `auto` for every hyperparameter not given. */
function requestedHyperparameters(params: JobCreateParams): {
  method: FineTuningMethodType;
  requested: RequestedHyperparameters;
  extras: Record<string, unknown>;
} {
  const method = params.method?.type ?? 'supervised';
  const settings = ((params.method as Record<string, unknown> | undefined)?.[method] ??
    {}) as Record<string, unknown>;
  const { hyperparameters: fromMethod, ...extras } = settings as {
    hyperparameters?: Record<string, unknown>;
  };
  if (fromMethod && params.hyperparameters) {
    throw invalidRequest(
      `Hyperparameters were given twice: pass them in 'method.${method}.hyperparameters' only (the top-level 'hyperparameters' is deprecated).`,
      'hyperparameters',
    );
  }
  const auto: RequestedHyperparameters = {
    batch_size: 'auto',
    learning_rate_multiplier: 'auto',
    n_epochs: 'auto',
  };
  if (method === 'dpo') auto.beta = 'auto';
  return {
    method,
    requested: { ...auto, ...params.hyperparameters, ...fromMethod },
    extras,
  };
}

async function createJob(context: RouteContext): Promise<Response> {
  const { world } = context;
  const params = readJsonBody(context.body, JobCreateParams);
  // An argument the API does not know is refused before anything else is checked.
  const trainingType = context.dialect.trainingType(params.trainingType);
  const { method, requested, extras } = requestedHyperparameters(params);
  const snapshot = baseSnapshot(world, params.model, method);
  const training = fineTuneFile(world, params.training_file, 'training_file');
  const validation = params.validation_file
    ? fineTuneFile(world, params.validation_file, 'validation_file')
    : undefined;
  if (params.metadata && Object.keys(params.metadata).length > MAX_METADATA_PAIRS) {
    throw invalidRequest(
      `'metadata' may hold at most ${MAX_METADATA_PAIRS} pairs; got ${Object.keys(params.metadata).length}.`,
      'metadata',
    );
  }

  const seed = params.seed ?? Math.floor(Math.random() * 2 ** 31);
  const now = world.clock.now();
  const id = newId.job();
  const plannedModel = context.dialect.fineTunedModelName({
    snapshot,
    organization: world.organization.name,
    suffix: params.suffix ?? null,
  });
  const job: JobRecord = {
    id,
    createdAt: world.clock.seconds(),
    model: world.catalog.find(params.model)?.id ?? params.model,
    baseSnapshot: snapshot,
    organizationId: world.organization.id,
    trainingFile: params.training_file,
    validationFile: params.validation_file ?? null,
    suffix: params.suffix ?? null,
    seed,
    metadata: params.metadata ?? null,
    trainingType,
    integrations: params.integrations ?? [],
    methodType: method,
    methodExtras: extras,
    requested,
    trainingContent: training,
    plannedModel,
    plan: planJob({
      training: await checkTrainingFile(training, method, 'training'),
      validation: validation && (await checkTrainingFile(validation, method, 'validation')),
      requested,
      seed,
      timings: world.timings,
    }),
    ...startingState(now),
  };
  world.jobs.add(job);
  return jsonResponse(context.dialect.job(job));
}

/** `metadata[key]=value` pairs of the query. */
function metadataFilter(query: URLSearchParams): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of query) {
    const match = /^metadata\[(.+)\]$/.exec(name);
    if (match?.[1]) pairs.push([match[1], value]);
  }
  return pairs;
}

function listJobs(context: RouteContext): Response {
  const { url, world } = context;
  const filter = metadataFilter(url.searchParams);
  const jobs = [...world.state.jobs.values()]
    .reverse()
    .filter((job) => filter.every(([key, value]) => job.metadata?.[key] === value))
    .map((job) => context.dialect.job(job) as { id: string });
  return jsonResponse(paginate(jobs, url.searchParams, { default: 20, max: 100 }));
}

function retrieveJob(context: RouteContext): Response {
  const job = findJob(context.world, param(context, 'fine_tuning_job_id'));
  return jsonResponse(context.dialect.job(job));
}

/** A 400 for an action the job's status does not allow. */
function wrongStatus(job: JobRecord, action: string, allowed: string): RouteError {
  return invalidRequest(
    `Cannot ${action} job ${job.id}: its status is ${job.status}; only ${allowed} jobs can be ${action === 'cancel' ? 'cancelled' : `${action}d`}.`,
    'fine_tuning_job_id',
  );
}

function cancelJob(context: RouteContext): Response {
  const job = findJob(context.world, param(context, 'fine_tuning_job_id'));
  if (isTerminalJobStatus(job.status)) throw wrongStatus(job, 'cancel', 'unfinished');
  context.world.jobs.cancel(job);
  return jsonResponse(context.dialect.job(job));
}

function pauseJob(context: RouteContext): Response {
  const job = findJob(context.world, param(context, 'fine_tuning_job_id'));
  if (job.status !== 'running') throw wrongStatus(job, 'pause', 'running');
  context.world.jobs.pause(job);
  return jsonResponse(context.dialect.job(job));
}

function resumeJob(context: RouteContext): Response {
  const job = findJob(context.world, param(context, 'fine_tuning_job_id'));
  if (job.status !== 'paused') throw wrongStatus(job, 'resume', 'paused');
  context.world.jobs.resume(job);
  return jsonResponse(context.dialect.job(job));
}

function listEvents(context: RouteContext): Response {
  const job = findJob(context.world, param(context, 'fine_tuning_job_id'));
  const newestFirst = [...job.history.events].reverse();
  return jsonResponse(paginate(newestFirst, context.url.searchParams, { default: 20, max: 1000 }));
}

function listCheckpoints(context: RouteContext): Response {
  const job = findJob(context.world, param(context, 'fine_tuning_job_id'));
  const newestFirst = [...job.history.checkpoints].reverse();
  return jsonResponse(paginate(newestFirst, context.url.searchParams, { default: 10, max: 100 }));
}

const JOB = '/fine_tuning/jobs/:fine_tuning_job_id';

/** `/fine_tuning/jobs`: jobs, their actions, events and checkpoints. */
export const jobRoutes: Route[] = [
  { name: 'jobs.create', method: 'POST', path: '/fine_tuning/jobs', handle: createJob },
  { name: 'jobs.list', method: 'GET', path: '/fine_tuning/jobs', handle: listJobs },
  { name: 'jobs.retrieve', method: 'GET', path: JOB, handle: retrieveJob },
  { name: 'jobs.cancel', method: 'POST', path: `${JOB}/cancel`, handle: cancelJob },
  { name: 'jobs.pause', method: 'POST', path: `${JOB}/pause`, handle: pauseJob },
  { name: 'jobs.resume', method: 'POST', path: `${JOB}/resume`, handle: resumeJob },
  { name: 'jobs.events', method: 'GET', path: `${JOB}/events`, handle: listEvents },
  { name: 'jobs.checkpoints', method: 'GET', path: `${JOB}/checkpoints`, handle: listCheckpoints },
];
