import { JobCancelledError, JobFailedError } from '../../resources/jobs/errors.ts';
import type { FineTuningJob } from '../../schemas/fine-tuning-job.ts';
import { paint } from '../output/color.ts';

/** How to pick up a job again after Ctrl-C: follow it from the last event, or cancel it. */
export function resumeHint(jobId: string, lastEventId: string | undefined): string {
  const since = lastEventId ? ` --since ${lastEventId}` : '';
  return [
    `Stopped following ${jobId}; the job keeps running.`,
    `  Follow it again: tunekit jobs follow ${jobId}${since}`,
    `  Cancel it:       tunekit jobs cancel ${jobId}`,
  ].join('\n');
}

/** A ready-to-run chat command for a new model. */
export function chatHint(model: string, question = 'Hello!'): string {
  return `tunekit chat ${model} ${JSON.stringify(question)}`;
}

/**
 * The end of a followed job: a succeeded job is reported with its model and how to try it;
 * a failed or cancelled one throws the typed error (exit code 5) with the job's own error.
 */
export function finishJob(job: FineTuningJob, options: { json: boolean; question?: string }): void {
  if (job.status === 'failed') throw new JobFailedError(job);
  if (job.status === 'cancelled') throw new JobCancelledError(job);
  if (options.json) return;
  const model = job.fine_tuned_model ?? '';
  process.stderr.write(
    `${paint(process.stderr, 'green', '✔')} ${job.id} ${job.status}: ${paint(process.stderr, 'bold', model)}\n` +
      (model ? `  Try it: ${chatHint(model, options.question)}\n` : ''),
  );
}
