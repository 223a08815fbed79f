import type { RequestOptions } from '../../core/http-client.ts';
import { deadline } from '../../core/polling.ts';
import type { FineTuningJobEvent } from '../../schemas/fine-tuning-event.ts';
import type { FineTuningJob } from '../../schemas/fine-tuning-job.ts';
import { WaitTimeoutError } from '../wait-timeout-error.ts';
import { JobCancelledError, JobFailedError } from './errors.ts';
import type { FollowOptions } from './follow.ts';

/** Options of `jobs.wait`. */
export interface WaitOptions extends FollowOptions {
  /**
   * Called with every event, oldest first, as it is seen; a returned promise is awaited
   * before the next event, any other return value ignored.
   */
  onEvent?: ((event: FineTuningJobEvent) => unknown) | undefined;
  /**
   * The longest wait in all, in ms: then a `WaitTimeoutError` (the job goes on). Default: none.
   * The client's `timeout` is another thing: the time one request attempt may take.
   */
  maxWait?: number | undefined;
}

/** What waiting needs of the jobs resource. */
export interface FollowableJobs {
  follow(
    jobId: string,
    options?: FollowOptions,
  ): AsyncGenerator<FineTuningJobEvent, FineTuningJob, undefined>;
  retrieve(jobId: string, options?: RequestOptions): PromiseLike<FineTuningJob>;
}

/** The status of a job, or undefined when it cannot be read (for the timeout's message). */
async function lastStatusOf(jobs: FollowableJobs, jobId: string): Promise<string | undefined> {
  try {
    return (await jobs.retrieve(jobId)).status;
  } catch {
    return undefined;
  }
}

/**
 * Follows a job until it ends, handing every event to `onEvent`, and returns the final job.
 * A failed or cancelled job throws `JobFailedError` / `JobCancelledError`; `maxWait` running
 * out throws `WaitTimeoutError` with the job's last status.
 */
export async function waitForJob(
  jobs: FollowableJobs,
  jobId: string,
  options: WaitOptions = {},
): Promise<FineTuningJob> {
  const { onEvent, maxWait, ...follow } = options;
  const limit = deadline(options.signal, maxWait);
  let job: FineTuningJob;
  try {
    const events = jobs.follow(jobId, { ...follow, signal: limit.signal });
    for (;;) {
      const next = await events.next();
      if (next.done) {
        job = next.value;
        break;
      }
      await onEvent?.(next.value);
    }
  } catch (error) {
    if (limit.expired()) {
      const lastStatus = await lastStatusOf(jobs, jobId);
      throw new WaitTimeoutError(`job ${jobId} to finish`, maxWait ?? 0, lastStatus);
    }
    throw error;
  } finally {
    limit.clear();
  }
  if (job.status === 'failed') throw new JobFailedError(job);
  if (job.status === 'cancelled') throw new JobCancelledError(job);
  return job;
}
