import { TuneKitError } from '../../core/errors/tunekit-error.ts';
import type { FineTuningJob } from '../../schemas/fine-tuning-job.ts';

function describeJob(job: FineTuningJob): string {
  const error = job.error;
  const reason = error?.message ? `: ${error.message}` : '';
  const facts = [
    error?.code ? `code: ${error.code}` : null,
    error?.param ? `param: ${error.param}` : null,
  ].filter(Boolean);
  return `Fine-tuning job ${job.id} ${job.status}${reason}${facts.length ? ` (${facts.join(', ')})` : ''}`;
}

/**
 * A fine-tuning job ended without a model. `code`, `message` and `param` are the job's own
 * `error` (e.g. `invalid_training_file` with the line at fault); `job` is the final record.
 *
 * @example
 * await client.jobs.wait(id).catch((e) => { if (e instanceof JobUnsuccessfulError) console.error(e.status, e.code, e.jobMessage); throw e; });
 */
export class JobUnsuccessfulError extends TuneKitError {
  override name = 'JobUnsuccessfulError';
  readonly job: FineTuningJob;
  readonly jobId: string;
  readonly status: string;
  readonly code: string | null;
  readonly param: string | null;
  /** The job's error message, when it has one. */
  readonly jobMessage: string | null;

  constructor(job: FineTuningJob) {
    super(describeJob(job));
    this.job = job;
    this.jobId = job.id;
    this.status = job.status;
    this.code = job.error?.code ?? null;
    this.param = job.error?.param ?? null;
    this.jobMessage = job.error?.message ?? null;
  }
}

/**
 * The job failed (`status: "failed"`).
 *
 * @example
 * const job = await client.jobs.wait(jobId).catch((error) => {
 *   if (!(error instanceof JobFailedError)) throw error;
 *   console.error(`${error.jobId} failed: ${error.jobMessage} (${error.code})`); // e.g. invalid_training_file
 *   return undefined;
 * });
 */
export class JobFailedError extends JobUnsuccessfulError {
  override name = 'JobFailedError';
}

/**
 * The job was cancelled (`status: "cancelled"`).
 *
 * @example
 * const job = await client.jobs.wait(jobId).catch((error) => {
 *   if (!(error instanceof JobCancelledError)) throw error;
 *   console.log(`${error.jobId} was cancelled`);
 *   return error.job; // the final record
 * });
 */
export class JobCancelledError extends JobUnsuccessfulError {
  override name = 'JobCancelledError';
}

/**
 * A job's event list did not move on: asked for the page after an event, the server answered
 * with that same page again (ending at the same event, or nothing new) and said there was
 * more — it ignores `after`. Following stops instead of asking for the same page forever;
 * `cursor` is the event the list did not get past. The job itself goes on.
 *
 * @example
 * try {
 *   for await (const event of client.jobs.follow(jobId)) console.log(event.message);
 * } catch (error) {
 *   if (!(error instanceof EventPagingError)) throw error;
 *   console.error(`events of ${error.jobId} stuck after ${error.cursor}`);
 *   console.log((await client.jobs.retrieve(error.jobId)).status); // poll the job instead
 * }
 */
export class EventPagingError extends TuneKitError {
  override name = 'EventPagingError';
  readonly jobId: string;
  readonly cursor: string;

  constructor(jobId: string, cursor: string) {
    super(
      `The events of ${jobId} did not advance: the page after ${cursor} brought nothing new, yet the server said there was more. It seems to ignore the \`after\` cursor; following stopped rather than ask for the same page forever.`,
    );
    this.jobId = jobId;
    this.cursor = cursor;
  }
}
