import type { TuneKit } from '../../client.ts';
import type { ModelLifecycle } from '../../data/catalog/lifecycle.ts';
import type { ValidationReport } from '../../data/validate/report.ts';
import type { FileObject } from '../../schemas/file.ts';
import type { FineTuningJob } from '../../schemas/fine-tuning-job.ts';
import { planJob } from '../plan/plan-job.ts';
import { catalogModel, checkFiles, type RoleFile } from './check-files.ts';
import { FineTuneDeclinedError } from './errors.ts';
import { uploadOrReuse } from './reuse-upload.ts';
import type { FileRole, FineTuneOptions, FineTunePlan, FineTuneResult } from './types.ts';

/**
 * The whole flow: validate (refusing before anything is spent), confirm the plan, upload (or
 * reuse) and wait for processing, create the job idempotently, follow it to the end and read
 * its metrics. `fineTune` (the public entry) loads this module on first use.
 */
export async function runFineTune(
  client: TuneKit,
  options: FineTuneOptions,
): Promise<FineTuneResult> {
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
  const done = await trainAndFollow(client, trainingFile, validationFile, {
    ...options,
    // The plan looked the model up already: the create need not ask again.
    lifecycle: plan?.lifecycle ?? undefined,
  });
  return {
    job: done,
    model: done.fine_tuned_model ?? '',
    metrics: await client.jobs.metrics(done.id, { signal: options.signal }),
    trainingFile,
    validationFile,
    report: training ?? null,
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

/** Creates the job (idempotently) and waits for it to finish, reporting both stages. */
async function trainAndFollow(
  client: TuneKit,
  trainingFile: FileObject,
  validationFile: FileObject | null,
  options: FineTuneOptions & { lifecycle: ModelLifecycle | undefined },
): Promise<FineTuningJob> {
  const { signal } = options;
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
      signal,
      idempotencyToken: options.idempotencyToken,
      lifecycleWarning: options.lifecycleWarning,
      lifecycle: options.lifecycle,
    },
  );
  await options.onStage?.({ stage: 'created', job });
  const done = await client.jobs.wait(job.id, {
    signal,
    onEvent: options.onEvent,
    onJob: options.onJob,
    maxWait: options.maxWait,
    pollInterval: options.pollInterval,
  });
  await options.onStage?.({ stage: 'finished', job: done });
  return done;
}
