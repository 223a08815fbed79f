import { APIPromise } from '../../core/api-promise.ts';
import type { HttpClient, RequestOptions } from '../../core/http-client.ts';
import { type PagePromise, paginate } from '../../core/pagination.ts';
import { pathId } from '../../core/path.ts';
import type { WithRequestId } from '../../core/request-id.ts';
import type { ModelLifecycle } from '../../data/catalog/lifecycle.ts';
import { FineTuningJobCheckpoint } from '../../schemas/fine-tuning-checkpoint.ts';
import { FineTuningJobEvent } from '../../schemas/fine-tuning-event.ts';
import {
  type CursorParams,
  FineTuningJob,
  type JobCreateParams,
  type JobListParams,
} from '../../schemas/fine-tuning-job.ts';
import { listEnvelope } from '../../schemas/list.ts';
import { explainRefusal, warnBeforeTraining } from '../models/lifecycle.ts';
import { APIResource } from '../resource.ts';
import { type FollowOptions, followJob } from './follow.ts';
import { findCreatedJob, tagWithClientToken } from './idempotent-create.ts';
import { type MetricsRow, metricsOfJob } from './metrics.ts';
import { type WaitOptions, waitForJob } from './wait.ts';

const JobList = listEnvelope(FineTuningJob);
const EventList = listEnvelope(FineTuningJobEvent);
const CheckpointList = listEnvelope(FineTuningJobCheckpoint);
const JOBS = ['jobs'] as const;

/** Options of `jobs.create`. */
export interface JobCreateOptions extends RequestOptions {
  /**
   * The token that identifies this create across retries (default: a random UUID). Reuse one
   * to make a create safe across process restarts too; `false` sends the request untagged.
   */
  idempotencyToken?: string | false | undefined;
  /**
   * Log a warning when the base model is shut down, closed to training or retiring within 90
   * days. Default: true; a tool that has already asked its user about it passes false.
   */
  lifecycleWarning?: boolean | undefined;
  /**
   * The model's lifecycle when the caller has already looked it up (`models.lifecycle`, or a
   * plan from `planJob`): the create uses it instead of checking again, so the model is asked
   * for once.
   */
  lifecycle?: ModelLifecycle | undefined;
}

/** Where `jobs.metrics` reads result files from (the client's `files`). */
export interface ResultFileReader {
  text(fileId: string, options?: RequestOptions): Promise<string>;
}

/**
 * Fine-tuning jobs (`/fine_tuning/jobs`) with their events and checkpoints, plus `follow`,
 * `wait` and `metrics`.
 *
 * @example
 * const job = await client.jobs.create({ model: 'gpt-4o-mini', training_file: file.id });
 * for await (const event of client.jobs.follow(job.id)) console.log(event.message);
 * const done = await client.jobs.wait(job.id); // throws JobFailedError if it failed
 */
export class Jobs extends APIResource {
  readonly #files: ResultFileReader;

  constructor(http: HttpClient, files: ResultFileReader) {
    super(http);
    this.#files = files;
  }

  /**
   * Creates a fine-tuning job. This starts paid training, so the request is made safe to retry:
   * the job is tagged with a client token in its metadata (`tunekit_client_token`, a random
   * UUID unless you pass `idempotencyToken`), and when a create fails in a way that leaves
   * unknown whether the job was created (connection dropped after sending, timeout, 5xx),
   * tunekit looks the job up by that token before sending the request again. A retry never
   * starts a second paid job. Pass `idempotencyToken: false` to send the request as it is.
   *
   * Before sending, the base model's lifecycle is checked against the catalog (for the
   * client's provider and `now`): a model that is shut down, closed to new fine-tuning jobs or
   * retiring within 90 days is logged as a warning. A 4xx answer for such a model is explained
   * in the error's message (after OpenAI's 2027-01-06 cut-off: where to train instead). On
   * Azure, `trainingType` chooses the training tier.
   *
   * @example
   * const job = await client.jobs.create({
   *   model: 'gpt-4.1-mini-2025-04-14',
   *   training_file: file.id,
   *   method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 3 } } },
   * });
   *
   * @example
   * const azure = new TuneKit({ provider: 'azure' });
   * await azure.jobs.create({ model: 'gpt-4.1-mini', training_file: file.id, trainingType: 'GlobalStandard' });
   */
  create(
    params: JobCreateParams,
    options?: JobCreateOptions,
  ): APIPromise<WithRequestId<FineTuningJob>> {
    const {
      idempotencyToken,
      lifecycleWarning,
      lifecycle: known,
      ...requestOptions
    } = options ?? {};
    const { params: tagged, token } = tagWithClientToken(params, idempotencyToken);
    const body = this._http.provider.jobCreateBody(tagged);
    // The warning is logged before the request goes out; the request waits for it.
    const lifecycle = warnBeforeTraining(
      this._http,
      params.model,
      lifecycleWarning !== false,
      known,
    );
    const sent = this._http.json(
      {
        method: 'POST',
        path: '/fine_tuning/jobs',
        body: lifecycle.then(() => ({ kind: 'json' as const, value: body })),
        options: requestOptions,
        features: params.trainingType === undefined ? JOBS : ['jobs', 'jobs.trainingType'],
        recover:
          token === undefined
            ? undefined
            : (error) => findCreatedJob(this, token, error, requestOptions.signal),
      },
      FineTuningJob,
    );
    return new APIPromise(
      sent.withResponse().catch(async (error: unknown) => {
        throw explainRefusal(error, await lifecycle);
      }),
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
          {
            method: 'GET',
            path: '/fine_tuning/jobs',
            query: { ...params, after },
            options,
            features: JOBS,
          },
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
    return this._http.json({ method: 'GET', path, options, features: JOBS }, FineTuningJob);
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
        this._http.json(
          { method: 'GET', path, query: { ...params, after }, options, features: ['jobs.events'] },
          EventList,
        ),
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
          {
            method: 'GET',
            path,
            query: { ...params, after },
            options,
            features: ['jobs.checkpoints'],
          },
          CheckpointList,
        ),
      params.after,
    );
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
  wait(jobId: string, options: WaitOptions = {}): Promise<FineTuningJob> {
    return waitForJob(this, jobId, options);
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
    return metricsOfJob(job, (fileId) => this.#files.text(fileId, options));
  }

  #action(
    jobId: string,
    action: 'cancel' | 'pause' | 'resume',
    options: RequestOptions | undefined,
  ): APIPromise<WithRequestId<FineTuningJob>> {
    const path = `/fine_tuning/jobs/${pathId(jobId, 'jobId')}/${action}`;
    return this._http.json(
      { method: 'POST', path, options, features: [`jobs.${action}`] },
      FineTuningJob,
    );
  }
}
