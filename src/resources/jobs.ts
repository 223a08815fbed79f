import { randomUUID } from 'node:crypto';
import { APIPromise, type APIResponse } from '../core/api-promise.ts';
import { AmbiguousResultError } from '../core/errors/ambiguous-result-error.ts';
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.ts';
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
import { explainRefusal, warnBeforeTraining } from './model-lifecycle.ts';
import { APIResource } from './resource.ts';

const JobList = listEnvelope(FineTuningJob);
const EventList = listEnvelope(FineTuningJobEvent);
const CheckpointList = listEnvelope(FineTuningJobCheckpoint);
const JOBS = ['jobs'] as const;

/** The metadata key that carries the client token of an idempotent create. */
export const CLIENT_TOKEN_KEY = 'tunekit_client_token';

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
}

/** Fine-tuning jobs (`/fine_tuning/jobs`) with their events and checkpoints. */
export class JobsEndpoints extends APIResource {
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
    const { idempotencyToken, lifecycleWarning, ...requestOptions } = options ?? {};
    const metadata = { ...params.metadata };
    const token =
      idempotencyToken === false
        ? undefined
        : (metadata[CLIENT_TOKEN_KEY] ?? idempotencyToken ?? randomUUID());
    if (
      token !== undefined &&
      Object.keys(metadata).length >= 16 &&
      !(CLIENT_TOKEN_KEY in metadata)
    ) {
      throw new InvalidArgumentError(
        `metadata already has 16 keys, the most a job takes, so there is no room for ${CLIENT_TOKEN_KEY} ` +
          'that protects against duplicate jobs: remove one key, or pass idempotencyToken: false.',
        'metadata',
      );
    }
    if (token !== undefined) metadata[CLIENT_TOKEN_KEY] = token;
    const body = this._http.provider.jobCreateBody(
      token === undefined ? params : { ...params, metadata },
    );
    // The warning is logged before the request goes out; the request waits for it.
    const lifecycle = warnBeforeTraining(this._http, params.model, lifecycleWarning !== false);
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
            : (error) => this.#findCreated(token, error, requestOptions.signal),
      },
      FineTuningJob,
    );
    return new APIPromise(
      sent.withResponse().catch(async (error: unknown) => {
        throw explainRefusal(error, await lifecycle);
      }),
    );
  }

  /** The job a lost create request made, found by its client token. */
  async #findCreated(
    token: string,
    failure: Error,
    signal: AbortSignal | undefined,
  ): Promise<APIResponse<FineTuningJob> | undefined> {
    try {
      // Filter on the server where it can; check on this side too, for providers that ignore
      // the filter (a job created seconds ago is on the first page of the newest jobs).
      const { data, response, requestId } = await this.list(
        { metadata: { [CLIENT_TOKEN_KEY]: token }, limit: 20 },
        { signal },
      ).withResponse();
      const job = data.data.find((candidate) => candidate.metadata?.[CLIENT_TOKEN_KEY] === token);
      return job ? { data: job, response, requestId } : undefined;
    } catch (lookupError) {
      throw new AmbiguousResultError(
        `Creating the fine-tuning job failed (${failure.message}) and checking whether it was created failed too (${(lookupError as Error).message}).`,
        `It may exist: look for a job with metadata ${CLIENT_TOKEN_KEY}=${token} before creating it again.`,
        { cause: lookupError },
      );
    }
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
   * Pauses a running job; resume it later with {@link JobsEndpoints.resume}.
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
