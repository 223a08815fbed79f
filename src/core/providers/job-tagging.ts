import type { JobListParams } from '../../schemas/fine-tuning-job.ts';
import { InvalidArgumentError } from '../errors/invalid-argument-error.ts';

/** A job create's body, or a job as the API lists it: whatever carries a client token. */
export type TaggedRecord = { readonly [key: string]: unknown };

/**
 * How a provider carries the client token of an idempotent `jobs.create`, and how it
 * recognises a job that carries it. `jobs.create` tags the job it sends; after an ambiguous
 * failure it lists jobs and asks `carries` of each, so a lost answer is found instead of a
 * second paid job being started. OpenAI-style APIs keep the token in the job's metadata
 * ({@link metadataTagging}); a provider without metadata plugs in its own — e.g. a short hash
 * of the token in the suffix, which `carries` recognises without holding the token itself.
 */
export interface JobTagging {
  /** The create's body carrying `token`. Throws `InvalidArgumentError` when there is no room. */
  tag(body: TaggedRecord, token: string): TaggedRecord;
  /** Whether a job (as listed, retrieved or answered by the create) carries `token`. */
  carries(job: TaggedRecord, token: string): boolean;
  /**
   * Whether a job carries any client token. A job like the create's, made since it was sent,
   * that carries none may be the lost one with its tag dropped by the provider.
   */
  isTagged(job: TaggedRecord): boolean;
  /** The token a create's params already carry (tagged by hand), where the provider can tell. */
  tokenIn(params: TaggedRecord): string | undefined;
  /** The list query that narrows `GET /fine_tuning/jobs` to the token, where the API can filter. */
  listQuery(token: string): JobListParams | undefined;
  /** Where a person finds the token on a job, for messages: `metadata tunekit_client_token=…`. */
  describe(token: string): string;
}

/** The metadata key that carries the client token of an idempotent create. */
export const CLIENT_TOKEN_KEY = 'tunekit_client_token';

/** The most metadata keys a job takes (the API's limit). */
const MAX_METADATA_KEYS = 16;

function metadataOf(record: TaggedRecord): Record<string, unknown> | undefined {
  const metadata = record.metadata;
  return metadata !== null && typeof metadata === 'object'
    ? (metadata as Record<string, unknown>)
    : undefined;
}

function tokenInMetadata(record: TaggedRecord): string | undefined {
  const token = metadataOf(record)?.[CLIENT_TOKEN_KEY];
  return typeof token === 'string' ? token : undefined;
}

/**
 * The OpenAI API's way (and Azure's and a compatible gateway's by default): the token in the
 * job's metadata under `tunekit_client_token`, found with the list's `metadata[…]` filter.
 */
export const metadataTagging: JobTagging = {
  tag(body, token) {
    const metadata = { ...metadataOf(body) };
    if (Object.keys(metadata).length >= MAX_METADATA_KEYS && !(CLIENT_TOKEN_KEY in metadata)) {
      throw new InvalidArgumentError(
        `metadata already has 16 keys, the most a job takes, so there is no room for ${CLIENT_TOKEN_KEY} ` +
          'that protects against duplicate jobs: remove one key, or pass idempotencyToken: false.',
        'metadata',
      );
    }
    metadata[CLIENT_TOKEN_KEY] = token;
    return { ...body, metadata };
  },
  carries: (job, token) => tokenInMetadata(job) === token,
  isTagged: (job) => tokenInMetadata(job) !== undefined,
  tokenIn: (params) => tokenInMetadata(params),
  listQuery: (token) => ({ metadata: { [CLIENT_TOKEN_KEY]: token } }),
  describe: (token) => `metadata ${CLIENT_TOKEN_KEY}=${token}`,
};
