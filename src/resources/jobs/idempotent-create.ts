import { randomUUID } from 'node:crypto';
import type { APIResponse } from '../../core/api-promise.ts';
import { AmbiguousResultError } from '../../core/errors/ambiguous-result-error.ts';
import { InvalidArgumentError } from '../../core/errors/invalid-argument-error.ts';
import type { RequestOptions } from '../../core/http-client.ts';
import type { PagePromise } from '../../core/pagination.ts';
import type {
  FineTuningJob,
  JobCreateParams,
  JobListParams,
} from '../../schemas/fine-tuning-job.ts';

/** The metadata key that carries the client token of an idempotent create. */
export const CLIENT_TOKEN_KEY = 'tunekit_client_token';

/** The most metadata keys a job takes (the API's limit). */
const MAX_METADATA_KEYS = 16;

/**
 * The create's params tagged with a client token in their metadata: the one already there,
 * else `idempotencyToken`, else a random UUID. `false` leaves them untagged (no token).
 */
export function tagWithClientToken(
  params: JobCreateParams,
  idempotencyToken: string | false | undefined,
): { params: JobCreateParams; token: string | undefined } {
  if (idempotencyToken === false) return { params, token: undefined };
  const metadata = { ...params.metadata };
  const token = metadata[CLIENT_TOKEN_KEY] ?? idempotencyToken ?? randomUUID();
  if (Object.keys(metadata).length >= MAX_METADATA_KEYS && !(CLIENT_TOKEN_KEY in metadata)) {
    throw new InvalidArgumentError(
      `metadata already has 16 keys, the most a job takes, so there is no room for ${CLIENT_TOKEN_KEY} ` +
        'that protects against duplicate jobs: remove one key, or pass idempotencyToken: false.',
      'metadata',
    );
  }
  metadata[CLIENT_TOKEN_KEY] = token;
  return { params: { ...params, metadata }, token };
}

/** What the lookup needs of the jobs resource. */
export interface JobLister {
  list(params?: JobListParams, options?: RequestOptions): PagePromise<FineTuningJob>;
}

/**
 * The job a lost create request made, found by its client token; undefined when there is
 * none. When the lookup fails too, nobody can tell whether the job exists: that is an
 * `AmbiguousResultError` saying what to look for.
 */
export async function findCreatedJob(
  jobs: JobLister,
  token: string,
  failure: Error,
  signal: AbortSignal | undefined,
): Promise<APIResponse<FineTuningJob> | undefined> {
  try {
    // Filter on the server where it can; check on this side too, for providers that ignore
    // the filter (a job created seconds ago is on the first page of the newest jobs).
    const { data, response, requestId } = await jobs
      .list({ metadata: { [CLIENT_TOKEN_KEY]: token }, limit: 20 }, { signal })
      .withResponse();
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
