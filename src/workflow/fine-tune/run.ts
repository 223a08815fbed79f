import type { TuneKit } from '../../client.ts';
import type { ModelLifecycle } from '../../data/catalog/lifecycle.ts';
import type { ValidationReport } from '../../data/validate/report.ts';
import type { FileObject } from '../../schemas/file.ts';
import type { FineTuningJob } from '../../schemas/fine-tuning-job.ts';
import { planJob } from '../plan/plan-job.ts';
import { catalogModel, checkFiles, type RoleFile } from './check-files.ts';
import { FineTuneDeclinedError } from './errors.ts';
import { resumeToken } from './resume-token.ts';
import { uploadOrReuse } from './reuse-upload.ts';
import type { FileRole, FineTuneOptions, FineTunePlan, FineTuneResult } from './types.ts';

/**
 * The whole flow: find the job of an earlier run with the same client token (and follow it),
 * else validate (refusing before anything is spent), confirm the plan, upload (or reuse) and
 * wait for processing, create the job idempotently, follow it to the end and read its metrics. `fineTune` (the public entry) loads this module on first use.
 */
export async function runFineTune(
  client: TuneKit,
  options: FineTuneOptions,
): Promise<FineTuneResult> {
  // 0. A run before a restart may have started the job already: follow it.
  const token =
    options.idempotencyToken ?? (options.resume ? await resumeToken(client, options) : undefined);
  if (token !== undefined && !options.newJob) {
    const earlier = await client.jobs.findByClientToken(token, { signal: options.signal });
    if (earlier) return resumeEarlier(client, earlier, token, options);
  }

  const files: RoleFile[] = [{ role: 'training', path: options.trainingFile }];
  if (options.validationFile) files.push({ role: 'validation', path: options.validationFile });

  // 1. Validate: refuse before anything is uploaded or spent.
  const reports =
    options.validate !== false
      ? await checkFiles(files, await catalogModel(options.model), options)
      : new Map<FileRole, ValidationReport>();
  const training = reports.get('training');
  const plan = options.confirm ? await confirmPlan(client, options, reports) : undefined;

  // 2. Upload (or reuse) and wait for processing.
  const uploaded = await uploadAll(client, files, options);
  const trainingFile = uploaded.get('training') as FileObject;
  const validationFile = uploaded.get('validation') ?? null;

  // 3. Create (idempotently) and follow to the end.
  const job = await createJob(client, trainingFile, validationFile, token, {
    ...options,
    // The plan looked the model up already: the create need not ask again.
    lifecycle: plan?.lifecycle ?? undefined,
  });
  const done = await followToTheEnd(client, job, options);
  return {
    job: done,
    model: done.fine_tuned_model ?? '',
    metrics: await client.jobs.metrics(done.id, { signal: options.signal }),
    trainingFile,
    validationFile,
    report: training ?? null,
    resumed: false,
    clientToken: token,
  };
}

/** Follows the job an earlier run started with the same token, instead of starting another. */
async function resumeEarlier(
  client: TuneKit,
  job: FineTuningJob,
  token: string,
  options: FineTuneOptions,
): Promise<FineTuneResult> {
  const { signal } = options;
  const trainingFile = await client.files.retrieve(job.training_file, { signal });
  const validationFile = job.validation_file
    ? await client.files.retrieve(job.validation_file, { signal })
    : null;
  await options.onStage?.({ stage: 'resumed', job, token });
  const done = await followToTheEnd(client, job, options);
  return {
    job: done,
    model: done.fine_tuned_model ?? '',
    metrics: await client.jobs.metrics(done.id, { signal }),
    trainingFile,
    validationFile,
    report: null,
    resumed: true,
    clientToken: token,
  };
}

/** Plans the job (lifecycle and cost, once) and asks `confirm`; throws when it says no. */
async function confirmPlan(
  client: TuneKit,
  options: FineTuneOptions,
  reports: ReadonlyMap<FileRole, ValidationReport>,
): Promise<FineTunePlan> {
  const plan = await planJob(client, {
    model: options.model,
    method: options.method,
    training: reports.get('training'),
    validation: reports.get('validation'),
    signal: options.signal,
  });
  if (!(await options.confirm?.(plan))) throw new FineTuneDeclinedError();
  return plan;
}

/** Uploads (or reuses) every file and waits until the API has processed it. */
async function uploadAll(
  client: TuneKit,
  files: readonly RoleFile[],
  options: FineTuneOptions,
): Promise<Map<FileRole, FileObject>> {
  const uploaded = new Map<FileRole, FileObject>();
  for (const { role, path } of files) {
    const file = await uploadOrReuse(client, role, path, options);
    const ready = await client.files.waitForProcessing(file.id, { signal: options.signal });
    await options.onStage?.({ stage: 'processed', role, file: ready });
    uploaded.set(role, ready);
  }
  return uploaded;
}

/** Creates the job, tagged with `token` (a random one when undefined). */
async function createJob(
  client: TuneKit,
  trainingFile: FileObject,
  validationFile: FileObject | null,
  token: string | undefined,
  options: FineTuneOptions & { lifecycle: ModelLifecycle | undefined },
): Promise<FineTuningJob> {
  await options.onStage?.({ stage: 'creating', token });
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
      signal: options.signal,
      idempotencyToken: token,
      // The run looked for a job with the token already (or was told to start a new one).
      reuseExisting: false,
      lookupGrace: options.lookupGrace,
      lifecycleWarning: options.lifecycleWarning,
      lifecycle: options.lifecycle,
    },
  );
  await options.onStage?.({ stage: 'created', job });
  return job;
}

/** Waits for the job to finish, reporting its events, and the end as a stage. */
async function followToTheEnd(
  client: TuneKit,
  job: FineTuningJob,
  options: FineTuneOptions,
): Promise<FineTuningJob> {
  const done = await client.jobs.wait(job.id, {
    signal: options.signal,
    onEvent: options.onEvent,
    onJob: options.onJob,
    maxWait: options.maxWait,
    pollInterval: options.pollInterval,
  });
  await options.onStage?.({ stage: 'finished', job: done });
  return done;
}
