import { TuneKitError } from './tunekit-error.ts';

/** What the API said went wrong, read from the error body and the response headers. */
export interface APIErrorDetails {
  status: number;
  /** The API's own message, without the status prefix. */
  apiMessage: string;
  code: string | null;
  param: string | null;
  type: string | null;
  headers: Readonly<Record<string, string>>;
  requestId: string | undefined;
  /** The parsed JSON body, or the text when it was not JSON. */
  body: unknown;
  method: string;
  /** The URL without its query string. */
  url: string;
}

function describe(details: APIErrorDetails): string {
  const facts = [
    details.param ? `param: ${details.param}` : null,
    details.code ? `code: ${details.code}` : null,
    details.requestId ? `request id: ${details.requestId}` : null,
  ].filter(Boolean);
  const suffix = facts.length > 0 ? ` (${facts.join(', ')})` : '';
  return `${details.status} ${details.apiMessage}${suffix}`;
}

/**
 * The API answered with an error status. Subclasses name the common statuses; all carry the
 * status, the API's `code`, `param` and `type`, the response headers and the request id to
 * quote to support.
 *
 * @example
 * const error = await client.jobs.create(params).catch((e) => e);
 * if (error instanceof NotFoundError) console.error('no such file or model');
 * else if (error instanceof APIError) console.error(error.status, error.code, error.param, error.requestId);
 */
export class APIError extends TuneKitError {
  override name = 'APIError';
  readonly status: number;
  readonly code: string | null;
  readonly param: string | null;
  readonly type: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly requestId: string | undefined;
  readonly body: unknown;
  readonly method: string;
  readonly url: string;
  /** The API's message without the status prefix and the details. */
  readonly apiMessage: string;

  constructor(details: APIErrorDetails, options?: ErrorOptions) {
    super(describe(details), options);
    this.status = details.status;
    this.apiMessage = details.apiMessage;
    this.code = details.code;
    this.param = details.param;
    this.type = details.type;
    this.headers = details.headers;
    this.requestId = details.requestId;
    this.body = details.body;
    this.method = details.method;
    this.url = details.url;
  }
}

/**
 * 400: the request was malformed or a parameter was invalid (see `param`).
 *
 * @example
 * await client.jobs.create({ model: 'gpt-4o-mini-2024-07-18', training_file: 'file-abc' }).catch((error) => {
 *   if (error instanceof BadRequestError) console.error(`${error.param}: ${error.apiMessage}`); // training_file: …
 *   throw error;
 * });
 */
export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}
/**
 * 401: the API key is missing, wrong or revoked.
 *
 * @example
 * await new TuneKit({ apiKey: revokedKey }).models.list().catch((error) => {
 *   if (error instanceof AuthenticationError) console.error('check the key:', error.code, error.requestId); // 'invalid_api_key'
 *   throw error;
 * });
 */
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}
/**
 * 403: the key is valid but may not do this (organization, project, region, model access).
 *
 * @example
 * // Only fine-tuned models of your own organization can be deleted:
 * await client.models.delete('gpt-4o-mini').catch((error) => {
 *   if (error instanceof PermissionDeniedError) console.error(error.param, error.apiMessage); // 'model', …
 *   throw error;
 * });
 */
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}
/**
 * 404: no such file, job or model — or the base URL is wrong.
 *
 * @example
 * const job = await client.jobs.retrieve('ftjob-abc123').catch((error) => {
 *   if (!(error instanceof NotFoundError)) throw error;
 *   console.error(`${error.method} ${error.url}: ${error.apiMessage}`); // a wrong baseURL shows in the url
 *   return undefined;
 * });
 */
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}
/**
 * 409: the request conflicts with the resource's state or with another change in progress.
 * Retried automatically (unless the server says `x-should-retry: false`); thrown when the
 * retries run out.
 *
 * @example
 * await client.jobs.pause(jobId, { maxRetries: 5 }).catch((error) => {
 *   if (error instanceof ConflictError) console.error(error.status, error.apiMessage, error.requestId);
 *   throw error;
 * });
 */
export class ConflictError extends APIError {
  override name = 'ConflictError';
}
/**
 * 422: the request was well-formed but could not be processed.
 *
 * @example
 * await client.chat.completions.create(params).catch((error) => {
 *   // `body` is the server's whole answer: gateways put their validation details there.
 *   if (error instanceof UnprocessableEntityError) console.error(error.apiMessage, error.body);
 *   throw error;
 * });
 */
export class UnprocessableEntityError extends APIError {
  override name = 'UnprocessableEntityError';
}
/**
 * 429: rate limit or quota exceeded. `retryAfterMs` is what the server asked us to wait.
 *
 * @example
 * // Thrown after the client's retries, each waiting as the server asked:
 * if (error instanceof RateLimitError) console.error(`wait ${error.retryAfterMs ?? '?'} ms`);
 */
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
  readonly retryAfterMs: number | undefined;

  constructor(details: APIErrorDetails, retryAfterMs: number | undefined, options?: ErrorOptions) {
    super(details, options);
    this.retryAfterMs = retryAfterMs;
  }
}
/**
 * ≥ 500: the service failed. Retried automatically; thrown when the retries run out.
 *
 * @example
 * const file = await client.files.retrieve(fileId, { maxRetries: 4 }).catch((error) => {
 *   if (error instanceof InternalServerError) console.error(error.status, 'request id for support:', error.requestId);
 *   throw error;
 * });
 */
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

/**
 * The API reported an error inside a stream that had started fine (an `error` event of a
 * server-sent stream). `status` is the status of the streaming response, usually 200.
 *
 * @example
 * if (error instanceof APIStreamError) console.error('the stream said:', error.apiMessage, error.code);
 */
export class APIStreamError extends APIError {
  override name = 'APIStreamError';
}
