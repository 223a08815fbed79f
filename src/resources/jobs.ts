import type { APIPromise } from '../core/api-promise.ts';
import type { RequestOptions } from '../core/http-client.ts';
import { type PagePromise, paginate } from '../core/pagination.ts';
import { pathId } from '../core/path.ts';
import type { WithRequestId } from '../core/request-id.ts';
import { FineTuningJobCheckpoint } from '../schemas/fine-tuning-checkpoint.ts';
import { FineTuningJobEvent } from '../schemas/fine-tuning-event.ts';
import {
  type CursorParams,
  FineTuningJob,
  type JobCreateParams,
  type JobListParams,
} from '../schemas/fine-tuning-job.ts';
import { listEnvelope } from '../schemas/list.ts';
import { APIResource } from './resource.ts';

const JobList = listEnvelope(FineTuningJob);
const EventList = listEnvelope(FineTuningJobEvent);
const CheckpointList = listEnvelope(FineTuningJobCheckpoint);

/** Fine-tuning jobs (`/fine_tuning/jobs`) with their events and checkpoints. */
export class Jobs extends APIResource {
  /**
   * Creates a fine-tuning job. This starts paid training.
   *
   * @example
   * const job = await client.jobs.create({
   *   model: 'gpt-4.1-mini-2025-04-14',
   *   training_file: file.id,
   *   method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 3 } } },
   * });
   */
  create(
    params: JobCreateParams,
    options?: RequestOptions,
  ): APIPromise<WithRequestId<FineTuningJob>> {
    return this._http.json(
      { method: 'POST', path: '/fine_tuning/jobs', body: { kind: 'json', value: params }, options },
      FineTuningJob,
    );
  }

  /**
   * Lists jobs, newest first, optionally only those with given metadata.
   *
   * @example
   * for await (const job of client.jobs.list({ metadata: { team: 'search' } })) console.log(job.id);
   */
  list(params: JobListParams = {}, options?: RequestOptions): PagePromise<FineTuningJob> {
    return paginate(
      (after) =>
        this._http.json(
          { method: 'GET', path: '/fine_tuning/jobs', query: { ...params, after }, options },
          JobList,
        ),
      params.after,
    );
  }

  /**
   * Retrieves a job.
   *
   * @example
   * const job = await client.jobs.retrieve('ftjob-abc123');
   * console.log(job.status, job.fine_tuned_model);
   */
  retrieve(jobId: string, options?: RequestOptions): APIPromise<WithRequestId<FineTuningJob>> {
    const path = `/fine_tuning/jobs/${pathId(jobId, 'jobId')}`;
    return this._http.json({ method: 'GET', path, options }, FineTuningJob);
  }

  /**
   * Cancels a job that has not finished.
   *
   * @example
   * await client.jobs.cancel('ftjob-abc123');
   */
  cancel(jobId: string, options?: RequestOptions): APIPromise<WithRequestId<FineTuningJob>> {
    return this.#action(jobId, 'cancel', options);
  }

  /**
   * Pauses a running job; resume it later with {@link Jobs.resume}.
   *
   * @example
   * await client.jobs.pause('ftjob-abc123');
   */
  pause(jobId: string, options?: RequestOptions): APIPromise<WithRequestId<FineTuningJob>> {
    return this.#action(jobId, 'pause', options);
  }

  /**
   * Resumes a paused job.
   *
   * @example
   * await client.jobs.resume('ftjob-abc123');
   */
  resume(jobId: string, options?: RequestOptions): APIPromise<WithRequestId<FineTuningJob>> {
    return this.#action(jobId, 'resume', options);
  }

  /**
   * Lists a job's events, newest first.
   *
   * @example
   * const page = await client.jobs.events('ftjob-abc123', { limit: 20 });
   * for (const event of page.data) console.log(event.message);
   */
  events(
    jobId: string,
    params: CursorParams = {},
    options?: RequestOptions,
  ): PagePromise<FineTuningJobEvent> {
    const path = `/fine_tuning/jobs/${pathId(jobId, 'jobId')}/events`;
    return paginate(
      (after) =>
        this._http.json({ method: 'GET', path, query: { ...params, after }, options }, EventList),
      params.after,
    );
  }

  /**
   * Lists a job's checkpoints (one per epoch at most), newest first.
   *
   * @example
   * for await (const checkpoint of client.jobs.checkpoints('ftjob-abc123')) {
   *   console.log(checkpoint.step_number, checkpoint.fine_tuned_model_checkpoint);
   * }
   */
  checkpoints(
    jobId: string,
    params: CursorParams = {},
    options?: RequestOptions,
  ): PagePromise<FineTuningJobCheckpoint> {
    const path = `/fine_tuning/jobs/${pathId(jobId, 'jobId')}/checkpoints`;
    return paginate(
      (after) =>
        this._http.json(
          { method: 'GET', path, query: { ...params, after }, options },
          CheckpointList,
        ),
      params.after,
    );
  }

  #action(
    jobId: string,
    action: 'cancel' | 'pause' | 'resume',
    options: RequestOptions | undefined,
  ): APIPromise<WithRequestId<FineTuningJob>> {
    const path = `/fine_tuning/jobs/${pathId(jobId, 'jobId')}/${action}`;
    return this._http.json({ method: 'POST', path, options }, FineTuningJob);
  }
}
