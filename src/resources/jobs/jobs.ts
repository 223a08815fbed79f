import { z } from 'zod';
import { APIPromise, type APIResponse, mapData } from '../../core/api-promise.ts';
import { InvalidArgumentError } from '../../core/errors/invalid-argument-error.ts';
import type { HttpClient, RequestOptions } from '../../core/http-client.ts';
import { type PagePromise, paginate } from '../../core/pagination.ts';
import { pathId } from '../../core/path.ts';
import type { ProviderFeature } from '../../core/providers/features.ts';
import { attachRequestId, type WithRequestId } from '../../core/request-id.ts';
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
import { findJobByToken } from './find-by-token.ts';
import { type FollowOptions, followJob } from './follow.ts';
import { clientTokenOf, TokenKeeping } from './idempotent-create.ts';
import { MetricsRow, metricsOfJob } from './metrics.ts';
import { DEFAULT_LOOKUP_GRACE_MS, recoverCreatedJob } from './recover-create.ts';
import { type WaitOptions, waitForJob } from './wait.ts';

const JobList = listEnvelope(FineTuningJob);
const EventList = listEnvelope(FineTuningJobEvent);
const CheckpointList = listEnvelope(FineTuningJobCheckpoint);
const MetricsList = z.looseObject({ data: z.array(MetricsRow) });
const JOBS = ['jobs'] as const;

/** `lookupGrace` checked: milliseconds, 0 or more (default 10 s). */
function checkedGrace(value: number | undefined): number {
  if (value === undefined) return DEFAULT_LOOKUP_GRACE_MS;
  if (!Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(
      `Invalid lookupGrace ${value}: expected milliseconds ≥ 0 (default ${DEFAULT_LOOKUP_GRACE_MS}).`,
      'lookupGrace',
    );
  }
  return value;
}

/** What a create needs of the provider besides `jobs`: the extensions its params use. */
function createFeatures(params: JobCreateParams): ProviderFeature[] {
  const features: ProviderFeature[] = ['jobs'];
  if (params.trainingType !== undefined) features.push('jobs.trainingType');
  if (params.together !== undefined) features.push('jobs.togetherOptions');
  if (params.metadata && Object.keys(params.metadata).length > 0) features.push('jobs.metadata');
  return features;
}

/** Which weights `jobs.download` asks Together AI for. */
export interface JobDownloadParams {
  /**
   * `merged` (a LoRA job's adapter merged into the base model: Together's default for LoRA),
   * `adapter` (the LoRA adapter alone) or `model_output_path` (a full fine-tune's model).
   */
  checkpoint?: 'merged' | 'adapter' | 'model_output_path' | (string & {}) | undefined;
  /** A checkpoint's step; default: the final model. */
  step?: number | undefined;
}

/** Options of `jobs.create`. */
export interface JobCreateOptions extends RequestOptions {
  /**
   * The client token that identifies this create (default: a random UUID). Pass your own to
   * make the create safe across process restarts too: a job already tagged with it is
   * returned instead of a new one being started (see `reuseExisting`). `false` sends the
   * request untagged, without any duplicate protection.
   */
  idempotencyToken?: string | false | undefined;
  /**
   * With a token you chose: look for a job already tagged with it first, and return that job
   * instead of creating another. Default: true. `false` creates a new job with the token
   * (lookups after a lost answer still only take jobs made since this call).
   */
  reuseExisting?: boolean | undefined;
  /**
   * After a create fails in a way that leaves unknown whether the job was made (connection
   * lost after sending, timeout, 408, 5xx), how long tunekit keeps looking for the job by
   * its token, in ms, before it may send the create again. Default: 10,000 (10 s).
   */
  lookupGrace?: number | undefined;
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
  readonly #tokens: TokenKeeping;

  constructor(http: HttpClient, files: ResultFileReader) {
    super(http);
    this.#files = files;
    this.#tokens = new TokenKeeping(http.logger, http.provider.label);
  }

  /**
   * Creates a fine-tuning job. This starts paid training, so the request is made safe to retry:
   * the job is tagged with a client token (in its metadata, `tunekit_client_token`: a random
   * UUID unless you pass `idempotencyToken`). When a create fails in a way that leaves unknown
   * whether the job was made (connection lost after sending, timeout, 408, 5xx), tunekit looks
   * for the job by its token for `lookupGrace` (10 s) before it sends the request again, and
   * returns the job if it shows up. When that lookup cannot be trusted — the provider does not
   * keep the token, or the job list cannot be read back to the request — the create ends with
   * an `AmbiguousResultError` saying what to look for, instead of being sent again. A token you
   * choose also protects across restarts: a job already tagged with it is returned instead of
   * a new one. Pass `idempotencyToken: false` to send the request as it is. See docs/client.md
   * ("Never a second paid job") for what this covers and what it cannot.
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
   * // Safe to run again after a crash: the second run gets the first run's job.
   * await client.jobs.create(params, { idempotencyToken: 'nightly-2026-05-01' });
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
      reuseExisting,
      lookupGrace,
      lifecycleWarning,
      lifecycle: known,
      ...requestOptions
    } = options ?? {};
    const grace = checkedGrace(lookupGrace);
    const { provider } = this._http;
    const tagging = provider.jobTagging;
    const { token, chosen } = clientTokenOf(params, idempotencyToken, tagging);
    const dialect = provider.jobCreateBody(params);
    const body = token === undefined ? dialect : tagging.tag(dialect, token);
    const { signal } = requestOptions;
    const sentAt = Date.now();
    const created = async () => {
      // A token the caller chose may have tagged a job already (a run before a restart).
      const found = token !== undefined && chosen ? await this.#lookup(token, signal) : undefined;
      const earlier = found?.data;
      if (found && earlier && reuseExisting !== false) {
        this._http.logger.info(
          `Found ${earlier.id} (${earlier.status}) already tagged with client token ${token}: returning it instead of creating another job.`,
        );
        return found;
      }
      const recover =
        token === undefined
          ? undefined
          : (error: Error) =>
              recoverCreatedJob(
                {
                  jobs: this,
                  tagging,
                  token,
                  trainingFile: params.training_file,
                  sentAt,
                  earlier,
                  lookupGrace: grace,
                  tokenNotKept: () => this.#tokens.notKept(),
                  reportNotKept: (job) => this.#tokens.report(job, tagging.describe(token)),
                  signal,
                },
                error,
              );
      // The warning is logged before the request goes out; the request waits for it.
      const lifecycle = warnBeforeTraining(
        this._http,
        params.model,
        lifecycleWarning !== false,
        known,
      );
      try {
        const result = await this._http
          .json(
            {
              method: 'POST',
              path: '/fine_tuning/jobs',
              body: lifecycle.then(() => ({ kind: 'json' as const, value: body })),
              options: requestOptions,
              features: createFeatures(params),
              recover,
            },
            FineTuningJob,
          )
          .withResponse();
        if (token !== undefined) this.#tokens.check(result.data, token, tagging);
        return result;
      } catch (error) {
        throw explainRefusal(error, await lifecycle);
      }
    };
    return new APIPromise(created());
  }

  /**
   * Finds the job tagged with a client token (the newest, if several are), or undefined.
   * Reads the job list newest first, filtered by the token where the provider can filter,
   * at most 10 pages of 100 jobs (a warning says so when that was not all of them).
   *
   * @example
   * const job = await client.jobs.findByClientToken('nightly-2026-05-01');
   * if (job) console.log(`${job.id} was started earlier: ${job.status}`);
   */
  async findByClientToken(
    token: string,
    options?: RequestOptions,
  ): Promise<WithRequestId<FineTuningJob> | undefined> {
    return (await this.#lookup(token, options?.signal))?.data;
  }

  /** The newest job with the token and the response that listed it, warning on a partial read. */
  async #lookup(
    token: string,
    signal: AbortSignal | undefined,
  ): Promise<APIResponse<WithRequestId<FineTuningJob>> | undefined> {
    const tagging = this._http.provider.jobTagging;
    const lookup = await findJobByToken(this, { token, tagging, signal });
    if (!lookup.complete) {
      this._http.logger.warn(
        `Looked for a job with ${tagging.describe(token)} among the newest ${lookup.pages * 100} jobs only: the list does not filter by it, and older jobs were not read.`,
      );
    }
    const found = lookup.found;
    return found && { ...found, data: attachRequestId(found.data, found.requestId) };
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
   * service writes them as base64-encoded CSV). Empty until the job has results. Together AI
   * keeps metrics behind an endpoint of their own instead: read from there, same rows.
   *
   * @example
   * const rows = await client.jobs.metrics(job.id);
   * console.log(rows.at(-1)?.train_loss);
   */
  async metrics(jobId: string, options?: RequestOptions): Promise<MetricsRow[]> {
    if (this._http.provider.jobMetrics === 'endpoint') {
      const path = `/fine_tuning/jobs/${pathId(jobId, 'jobId')}/metrics`;
      const { data } = await this._http.json(
        { method: 'GET', path, options, features: JOBS },
        MetricsList,
      );
      return [...data].sort((a, b) => a.step - b.step);
    }
    const job = await this.retrieve(jobId, options);
    return metricsOfJob(job, (fileId) => this.#files.text(fileId, options));
  }

  /**
   * Downloads a fine-tuned model's weights as a streaming `Response` (an archive, often
   * gigabytes: stream it to disk). Together AI only (`/finetune/download`); OpenAI-style APIs
   * keep fine-tuned models on the server and refuse with `NotSupportedByProviderError`.
   *
   * @example
   * const together = new TuneKit({ provider: 'together' });
   * const response = await together.jobs.download(job.id, { checkpoint: 'adapter' });
   * await pipeline(Readable.fromWeb(response.body!), createWriteStream('adapter.tar.zst'));
   */
  download(
    jobId: string,
    params: JobDownloadParams = {},
    options?: RequestOptions,
  ): APIPromise<Response> {
    const path = `/fine_tuning/jobs/${pathId(jobId, 'jobId')}/download`;
    const query = { checkpoint: params.checkpoint, checkpoint_step: params.step };
    return mapData(
      this._http.open({
        method: 'GET',
        path,
        query,
        options: {
          ...options,
          headers: { accept: 'application/octet-stream', ...options?.headers },
        },
        features: ['jobs.download'],
      }),
      (open) => open.response,
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
