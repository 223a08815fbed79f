import { join } from 'node:path';
import { NotFoundError } from '../../core/errors/api-error.ts';
import { NotSupportedByProviderError } from '../../core/errors/not-supported-by-provider-error.ts';
import type { Jobs } from '../../resources/jobs/jobs.ts';
import { type FineTuningJob, isTerminalJobStatus } from '../../schemas/fine-tuning-job.ts';
import { holdsCopy, writeAtomically } from './disk.ts';
import type { ExportedJob, ExportProblem, StoredCopy } from './manifest.ts';
import { jobPaths } from './paths.ts';

/**
 * Every item of a paginated list, or why it cannot be read: the provider does not list them,
 * or the job is gone (deleted since it was listed).
 */
async function everything<T>(
  items: AsyncIterable<T>,
): Promise<{ items: T[] } | { unsupported: Error }> {
  const out: T[] = [];
  try {
    for await (const item of items) out.push(item);
  } catch (error) {
    if (error instanceof NotSupportedByProviderError || error instanceof NotFoundError) {
      return { unsupported: error };
    }
    throw error;
  }
  return { items: out };
}

/** Whether every copy an earlier run made of the job is still on disk, byte for byte. */
async function verified(dir: string, entry: ExportedJob, signal?: AbortSignal): Promise<boolean> {
  const copies = [entry.record, entry.events, entry.checkpoints].filter(
    (copy): copy is StoredCopy => copy !== null,
  );
  for (const copy of copies) {
    if (!(await holdsCopy(join(dir, copy.path), copy, signal))) return false;
  }
  return true;
}

async function store(dir: string, path: string, text: string): Promise<StoredCopy> {
  return { path, ...(await writeAtomically(join(dir, path), text)) };
}

/**
 * Backs up one job: its record, its events (oldest first, one per line) and its checkpoints.
 * A finished job whose copies from an earlier run are intact is left as it is (`skipped`);
 * a running job is always read again. What the provider does not offer is a problem noted,
 * not a failure.
 */
export async function backupJob(
  jobs: Jobs,
  job: FineTuningJob,
  dir: string,
  previous: ExportedJob | undefined,
  signal: AbortSignal | undefined,
): Promise<{ entry: ExportedJob; problems: ExportProblem[]; skipped: boolean }> {
  const files = {
    training: job.training_file,
    validation: job.validation_file ?? null,
    results: job.result_files ?? [],
  };
  if (
    previous &&
    previous.status === job.status &&
    isTerminalJobStatus(job.status) &&
    (await verified(dir, previous, signal))
  ) {
    return { entry: { ...previous, files }, problems: [], skipped: true };
  }

  const paths = jobPaths(job.id);
  const problems: ExportProblem[] = [];
  const record = await store(dir, paths.record, `${JSON.stringify(job, null, 2)}\n`);

  const events = await everything(jobs.events(job.id, { limit: 100 }, { signal }));
  let eventsCopy: ExportedJob['events'] = null;
  if ('items' in events) {
    const lines = events.items.reverse().map((event) => JSON.stringify(event));
    const text = lines.length > 0 ? `${lines.join('\n')}\n` : '';
    eventsCopy = { ...(await store(dir, paths.events, text)), count: lines.length };
  } else {
    problems.push({ id: job.id, what: 'events', message: events.unsupported.message });
  }

  const checkpoints = await everything(jobs.checkpoints(job.id, { limit: 100 }, { signal }));
  let checkpointsCopy: ExportedJob['checkpoints'] = null;
  if ('items' in checkpoints) {
    const text = `${JSON.stringify(checkpoints.items.reverse(), null, 2)}\n`;
    checkpointsCopy = {
      ...(await store(dir, paths.checkpoints, text)),
      count: checkpoints.items.length,
    };
  } else {
    problems.push({ id: job.id, what: 'checkpoints', message: checkpoints.unsupported.message });
  }

  return {
    entry: {
      id: job.id,
      status: job.status,
      model: job.model,
      fineTunedModel: job.fine_tuned_model ?? null,
      record,
      events: eventsCopy,
      checkpoints: checkpointsCopy,
      metrics: previous?.metrics ?? null,
      files,
    },
    problems,
    skipped: false,
  };
}
