import pRetry, { AbortError } from 'p-retry';
import type { z } from 'zod';
import { APIPromise, type APIResponse } from './api-promise.ts';
import { errorFromResponse } from './error-from-response.ts';
import { APIError } from './errors/api-error.ts';
import { APIConnectionError, APIConnectionTimeoutError } from './errors/connection-error.ts';
import { NotSupportedByProviderError } from './errors/not-supported-by-provider-error.ts';
import { ResponseValidationError } from './errors/response-validation-error.ts';
import { APIUserAbortError } from './errors/user-abort-error.ts';
import { type HeaderRecord, mergeHeaders, requestIdOf } from './headers.ts';
import type { Logger } from './logger.ts';
import type { MultipartPayload } from './multipart.ts';
import type { ResolvedClientOptions } from './options.ts';
import type { ProviderFeature } from './providers/features.ts';
import { isMissingRoute } from './providers/missing-route.ts';
import type { Provider } from './providers/provider.ts';
import { appendQuery, type QueryInit } from './query.ts';
import type { Redactor } from './redact.ts';
import { attachRequestId, type WithRequestId } from './request-id.ts';
import { isRetryableResponse, retryAfterMs, retryDelayMs } from './retry-policy.ts';
import { sleep } from './sleep.ts';
import type { Transport } from './transport.ts';
import { issuesOf } from './validate.ts';

/** Options every API method accepts as its last argument, overriding the client's. */
export interface RequestOptions {
  /** Milliseconds one attempt may take. */
  timeout?: number | undefined;
  /** Retries after the first attempt. */
  maxRetries?: number | undefined;
  /** Aborts the request (and any wait between retries). */
  signal?: AbortSignal | undefined;
  /** Extra headers; `null` removes one. */
  headers?: HeaderRecord | undefined;
  /** Extra query parameters. */
  query?: QueryInit | undefined;
}

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** The body of a request: JSON, or multipart with a file. */
export type RequestBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'multipart'; payload: MultipartPayload };

/** What a resource asks the core to send. */
export interface RequestSpec {
  method: HttpMethod;
  /** Path below the base URL, starting with `/`, ids already encoded. */
  path: string;
  query?: QueryInit | undefined;
  /** A promise when the body needs preparing first (opening a file). */
  body?: RequestBody | Promise<RequestBody> | undefined;
  options?: RequestOptions | undefined;
  /**
   * What the request needs from the provider, the route's own feature first (`jobs.pause`).
   * Each is checked before anything is sent; when the provider detects missing routes, an
   * answer that says "no such route" names the first.
   */
  features?: readonly ProviderFeature[] | undefined;
  /**
   * For requests that must not take effect twice (creating a paid job). Called after a failure
   * that leaves unknown whether the server acted — connection lost, timeout, 408, ≥ 500 — once
   * the pause before the next attempt is over (and after the last attempt too). Resolving with
   * a result ends the request with it instead of sending the request again.
   */
  recover?: ((error: Error) => Promise<APIResponse<unknown> | undefined>) | undefined;
}

/** Whether a failed attempt may have taken effect on the server. */
export function isAmbiguousFailure(error: unknown): boolean {
  if (error instanceof APIConnectionError) return true;
  return error instanceof APIError && (error.status === 408 || error.status >= 500);
}

/** Carries a recovered result out of the retry loop. */
class Recovered {
  readonly result: APIResponse<unknown>;
  constructor(result: APIResponse<unknown>) {
    this.result = result;
  }
}

/** Everything the core needs from the client. */
export interface HttpClientConfig {
  options: ResolvedClientOptions;
  /** Authentication and identification headers, computed once by the client. */
  baseHeaders: HeaderRecord;
  transport: Transport;
  logger: Logger;
  redactor: Redactor;
}

/** A response whose body is left for the caller to read (downloads, event streams). */
export interface OpenResponse {
  response: Response;
  requestId: string | undefined;
  /** Where the request went, for errors raised while reading the body. */
  method: HttpMethod;
  url: string;
}

interface Attempted {
  response: Response;
  requestId: string | undefined;
  text?: string;
}

/** Whether the failure came from the caller's own signal. */
function userAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** A short human reason for a fetch failure: undici hides the real one in `cause`. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error && cause.message) return cause.message;
  return error.message;
}

/**
 * The request pipeline: URL and headers, the body, retries (p-retry, above fetch — never as
 * undici interceptors, which msw 2 skips), timeouts, error mapping, response validation.
 */
export class HttpClient {
  readonly #config: HttpClientConfig;

  constructor(config: HttpClientConfig) {
    this.#config = config;
  }

  /** Where requests go and what the endpoint offers. */
  get provider(): Provider {
    return this.#config.options.provider;
  }

  /** The current time (the client's `now` option), for lifecycle checks. */
  now(): Date {
    return this.#config.options.now();
  }

  /** The client's logger (level-filtered and redacting), for layers above the core. */
  get logger(): Logger {
    return this.#config.logger;
  }

  /** Sends a request and parses the JSON answer with `schema`. */
  json<T>(spec: RequestSpec, schema: z.ZodType<T>): APIPromise<WithRequestId<T>> {
    return new APIPromise(this.#json(spec, schema));
  }

  /**
   * Sends a request and returns the response once its headers are in, body unread. `abort`
   * (optional) cancels the request and the body later, e.g. when a consumer stops reading.
   */
  open(spec: RequestSpec, abort?: AbortController): APIPromise<OpenResponse> {
    return new APIPromise(
      this.#send(spec, 'stream', abort?.signal).then(({ response, requestId }) => {
        const open: OpenResponse = {
          response,
          requestId,
          method: spec.method,
          url: this.#url(spec).origin + this.#url(spec).pathname,
        };
        return { data: open, response, requestId };
      }),
    );
  }

  async #json<T>(spec: RequestSpec, schema: z.ZodType<T>): Promise<APIResponse<WithRequestId<T>>> {
    let sent: Attempted;
    try {
      sent = await this.#send(spec, 'json');
    } catch (error) {
      if (error instanceof Recovered) return error.result as APIResponse<WithRequestId<T>>;
      throw error;
    }
    const { response, requestId, text = '' } = sent;
    const endpoint = `${spec.method} ${spec.path}`;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const type = response.headers.get('content-type') ?? 'no content type';
      const excerpt = text.slice(0, 120).replace(/\s+/g, ' ');
      throw new ResponseValidationError(endpoint, requestId, [
        { path: '', message: `expected JSON, got ${type}: ${JSON.stringify(excerpt)}` },
      ]);
    }
    let data = json as T;
    if (this.#config.options.validateResponses) {
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw new ResponseValidationError(endpoint, requestId, issuesOf(parsed.error));
      }
      data = parsed.data;
    }
    const raw = new Response(text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    return { data: attachRequestId(data, requestId), response: raw, requestId };
  }

  #url(spec: RequestSpec): URL {
    const url = new URL(this.#config.options.baseURL + spec.path);
    const { provider, defaultQuery } = this.#config.options;
    appendQuery(url, provider.query, defaultQuery, spec.query, spec.options?.query);
    return url;
  }

  async #send(
    spec: RequestSpec,
    mode: 'json' | 'stream',
    extraSignal?: AbortSignal,
  ): Promise<Attempted> {
    const { options, transport, logger } = this.#config;
    const userSignal = spec.options?.signal;
    if (userAborted(userSignal)) {
      throw new APIUserAbortError(undefined, { cause: userSignal?.reason });
    }
    const body = await spec.body;
    // After the body: a body still being prepared (a file opening) must not be left to fail unheard.
    this.#checkFeatures(spec);
    const url = this.#url(spec);
    const target = { method: spec.method, url: url.origin + url.pathname };
    const timeoutMs = spec.options?.timeout ?? options.timeout;
    const replayable = body?.kind !== 'multipart' || body.payload.replayable;
    const maxRetries = replayable ? (spec.options?.maxRetries ?? options.maxRetries) : 0;
    const signals = [userSignal, extraSignal].filter((s): s is AbortSignal => s !== undefined);
    const stopSignal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];

    const attempt = async (attemptNumber: number): Promise<Attempted> => {
      const headers = mergeHeaders(
        { accept: 'application/json' },
        this.#config.baseHeaders,
        options.defaultHeaders,
        spec.options?.headers,
      );
      let payload: BodyInit | undefined;
      if (body?.kind === 'json') {
        headers.set('content-type', 'application/json');
        payload = JSON.stringify(body.value);
      } else if (body?.kind === 'multipart') {
        const made = body.payload.make();
        headers.set('content-type', made.contentType);
        if (made.contentLength !== undefined) {
          headers.set('content-length', String(made.contentLength));
        }
        payload = made.body;
      }

      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), timeoutMs);
      const signal = stopSignal ? AbortSignal.any([stopSignal, timeout.signal]) : timeout.signal;
      const started = performance.now();
      logger.debug(`→ ${spec.method} ${url.href} (attempt ${attemptNumber}/${maxRetries + 1})`, {
        headers: this.#config.redactor.headers(headers),
      });

      // Classifies a failure to get (or read) a response: the caller's abort ends everything,
      // our timeout and network failures may be retried.
      const failure = (error: unknown): Error => {
        if (userAborted(stopSignal)) {
          return new AbortError(new APIUserAbortError(undefined, { cause: error }));
        }
        const wrapped = timeout.signal.aborted
          ? new APIConnectionTimeoutError(timeoutMs, target, { cause: error })
          : new APIConnectionError(
              `Could not complete ${target.method} ${target.url}: ${this.#config.redactor.text(describeNetworkError(error))}`,
              target,
              { cause: error },
            );
        return replayable ? wrapped : new AbortError(wrapped);
      };

      try {
        let response: Response;
        try {
          const init: RequestInit & { duplex?: 'half' } = {
            method: spec.method,
            headers,
            body: payload,
            signal,
          };
          // A stream body needs half-duplex mode in Node's fetch.
          if (payload instanceof ReadableStream) init.duplex = 'half';
          response = await transport.fetch(url.href, init);
        } catch (error) {
          throw failure(error);
        }
        const requestId = requestIdOf(response.headers);
        logger.debug(
          `← ${response.status} ${spec.method} ${url.pathname} in ${Math.round(performance.now() - started)} ms`,
          { requestId },
        );

        if (!response.ok) {
          let text = '';
          try {
            text = await response.text();
          } catch {
            // An unreadable error body still leaves the status to report.
          }
          const error = errorFromResponse(
            {
              status: response.status,
              statusText: response.statusText,
              headers: response.headers,
              text,
              method: spec.method,
              url: target.url,
            },
            this.#config.redactor,
          );
          const missing = this.#missingRoute(spec, response.status, text, error);
          if (missing) throw new AbortError(missing);
          const retry = replayable && isRetryableResponse(response.status, response.headers);
          throw retry ? error : new AbortError(error);
        }

        if (mode === 'stream') return { response, requestId };
        let text: string;
        try {
          text = await response.text();
        } catch (error) {
          throw failure(error);
        }
        return { response, requestId, text };
      } finally {
        clearTimeout(timer);
      }
    };

    return pRetry(attempt, {
      retries: maxRetries,
      // tunekit computes each wait itself (server hints, backoff) in onFailedAttempt.
      minTimeout: 0,
      factor: 1,
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        const recover = spec.recover && isAmbiguousFailure(error) ? spec.recover : undefined;
        if (retriesLeft === 0 && !recover) return;
        const asked =
          error instanceof APIError ? retryAfterMs(toHeaders(error.headers)) : undefined;
        const delay = retryDelayMs(attemptNumber, asked);
        if (delay === undefined) throw error;
        if (retriesLeft > 0) {
          logger.warn(
            `Retrying ${spec.method} ${target.url} in ${delay} ms (retry ${attemptNumber} of ${maxRetries}): ${error.message}`,
          );
        }
        await sleep(delay, stopSignal);
        if (recover) {
          // The server may have acted on the lost request: look before sending it again.
          const found = await recover(error);
          if (found) {
            logger.info(
              `${spec.method} ${target.url} failed ambiguously (${error.message}); found its result instead of sending it again`,
            );
            throw new Recovered(found);
          }
        }
      },
      shouldRetry: () => true,
    });
  }

  /** Refuses, before sending, a request for something the provider is known to lack. */
  #checkFeatures(spec: RequestSpec): void {
    const { provider } = this.#config.options;
    for (const feature of spec.features ?? []) {
      const reason = provider.whyNot(feature);
      if (reason !== undefined) {
        throw new NotSupportedByProviderError(feature, provider.name, provider.label, reason);
      }
    }
  }

  /** The error for an answer that says the endpoint has no such route, when that is telling. */
  #missingRoute(
    spec: RequestSpec,
    status: number,
    text: string,
    error: APIError,
  ): NotSupportedByProviderError | undefined {
    const { provider } = this.#config.options;
    const feature = spec.features?.[0];
    if (!provider.detectsMissingRoutes || feature === undefined || !isMissingRoute(status, text)) {
      return undefined;
    }
    return new NotSupportedByProviderError(
      feature,
      provider.name,
      provider.label,
      `${spec.method} ${spec.path} answered ${status} without the API's error body, which means it has no such route (${error.apiMessage}).`,
      { cause: error },
    );
  }
}

function toHeaders(record: Readonly<Record<string, string>>): Headers {
  return new Headers(Object.entries(record));
}
