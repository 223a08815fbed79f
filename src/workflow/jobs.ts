import type { HttpClient, RequestOptions } from '../core/http-client.ts';
import { deadline } from '../core/polling.ts';
import type { FilesEndpoints } from '../resources/files.ts';
import { JobsEndpoints } from '../resources/jobs.ts';
import type { FineTuningJobEvent } from '../schemas/fine-tuning-event.ts';
import type { FineTuningJob } from '../schemas/fine-tuning-job.ts';
import { JobCancelledError, JobFailedError } from './errors/job-unsuccessful-error.ts';
import { WaitTimeoutError } from './errors/wait-timeout-error.ts';
import { type FollowOptions, followJob } from './follow.ts';
import { type MetricsRow, parseMetricsCsv } from './metrics.ts';

/** Options of `jobs.wait`. */
export interface WaitOptions extends FollowOptions {
  /** Called with every event, oldest first, as it is seen. */
  onEvent?: ((event: FineTuningJobEvent) => void | Promise<void>) | undefined;
  /** Give up after this many ms with a `WaitTimeoutError` (the job goes on). Default: none. */
  timeout?: number | undefined;
}

/** Fine-tuning jobs, plus `follow`, `wait` and `metrics`. */
export class Jobs extends JobsEndpoints {
  readonly #files: FilesEndpoints;

  constructor(http: HttpClient, files: FilesEndpoints) {
    super(http);
    this.#files = files;
  }

  /**
   * Follows a job to its end: its events in chronological order, each exactly once, then the
   * final job as the generator's return value. Survives dropped connections, 5xx and 429 by
   * waiting them out; `since` resumes after a given event id. Stopping the loop (or the
   * signal) stops following — the job goes on.
   *
   * @example
   * for await (const event of client.jobs.follow(job.id)) console.log(event.message);
   */
  follow(
    jobId: string,
    options: FollowOptions = {},
  ): AsyncGenerator<FineTuningJobEvent, FineTuningJob, undefined> {
    return followJob(this, jobId, this._http.logger, options);
  }

  /**
   * Waits for a job to finish and returns it. A failed or cancelled job rejects with
   * `JobFailedError` / `JobCancelledError` carrying the job's error (code, message, param).
   *
   * @example
   * const done = await client.jobs.wait(job.id, { onEvent: (e) => console.log(e.message) });
   * console.log(done.fine_tuned_model);
   */
  async wait(jobId: string, options: WaitOptions = {}): Promise<FineTuningJob> {
    const { onEvent, timeout, ...follow } = options;
    const limit = deadline(options.signal, timeout);
    let lastStatus: string | undefined;
    let job: FineTuningJob;
    try {
      const events = this.follow(jobId, { ...follow, signal: limit.signal });
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
        lastStatus = await this.retrieve(jobId).then(
          (j) => j.status,
          () => undefined,
        );
        throw new WaitTimeoutError(`job ${jobId} to finish`, timeout ?? 0, lastStatus);
      }
      throw error;
    } finally {
      limit.clear();
    }
    if (job.status === 'failed') throw new JobFailedError(job);
    if (job.status === 'cancelled') throw new JobCancelledError(job);
    return job;
  }

  /**
   * Downloads a job's result files and parses them into metric rows sorted by step (the
   * service writes them as base64-encoded CSV). Empty until the job has results.
   *
   * @example
   * const rows = await client.jobs.metrics(job.id);
   * console.log(rows.at(-1)?.train_loss);
   */
  async metrics(jobId: string, options?: RequestOptions): Promise<MetricsRow[]> {
    const job = await this.retrieve(jobId, options);
    const rows: MetricsRow[] = [];
    for (const fileId of job.result_files ?? []) {
      rows.push(...(await parseMetricsCsv(await this.#files.text(fileId, options))));
    }
    return rows.sort((a, b) => a.step - b.step);
  }
}
