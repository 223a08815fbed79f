import { JobCancelledError, JobFailedError } from '../../resources/jobs/errors.ts';
import { type FineTuningJob, isTerminalJobStatus } from '../../schemas/fine-tuning-job.ts';
import { paint } from '../output/color.ts';

/** What a command knew about a job when Ctrl-C came. */
export interface KnownJob {
  /** Whether the API ever answered about the job (a read, or the create's answer). */
  reached: boolean;
  /** Its status as last read. */
  status?: string | undefined;
}

/**
 * How to pick up a job again after Ctrl-C: follow it from the last event, or cancel it — said
 * only as far as it is known. A job never reached may not exist; a paused one is not running.
 */
export function resumeHint(
  jobId: string,
  lastEventId: string | undefined,
  known: KnownJob = { reached: true },
  flags = '',
): string {
  const since = lastEventId ? ` --since ${lastEventId}` : '';
  const follow = `  Follow it again: tunekit jobs follow ${jobId}${since}${flags}`;
  if (!known.reached) {
    return [
      `Stopped before reaching ${jobId}: the API never answered about it, so its state is unknown (it may not exist).`,
      `  Check it:        tunekit jobs get ${jobId}${flags}`,
      follow,
    ].join('\n');
  }
  if (known.status !== undefined && isTerminalJobStatus(known.status)) {
    return [
      `Stopped following ${jobId}, which has ended (${known.status}).`,
      `  See it:          tunekit jobs get ${jobId}${flags}`,
    ].join('\n');
  }
  const state =
    known.status === 'paused'
      ? `the job stays paused until it is resumed (tunekit jobs resume ${jobId}${flags}).`
      : 'the job keeps running.';
  return [
    `Stopped following ${jobId}; ${state}`,
    follow,
    `  Cancel it:       tunekit jobs cancel ${jobId}${flags}`,
  ].join('\n');
}

/** A ready-to-run chat command for a new model, with the flags that reach the same API. */
export function chatHint(model: string, question = 'Hello!', flags = ''): string {
  return `tunekit chat ${model} ${JSON.stringify(question)}${flags}`;
}

/**
 * The end of a followed job: a succeeded job is reported with its model and how to try it;
 * a failed or cancelled one throws the typed error (exit code 5) with the job's own error.
 */
export function finishJob(
  job: FineTuningJob,
  options: { json: boolean; question?: string; rerunFlags?: string },
): void {
  if (job.status === 'failed') throw new JobFailedError(job);
  if (job.status === 'cancelled') throw new JobCancelledError(job);
  if (options.json) return;
  const model = job.fine_tuned_model ?? '';
  process.stderr.write(
    `${paint(process.stderr, 'green', '✔')} ${job.id} ${job.status}: ${paint(process.stderr, 'bold', model)}\n` +
      (model ? `  Try it: ${chatHint(model, options.question, options.rerunFlags)}\n` : ''),
  );
}
