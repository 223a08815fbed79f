import type { z } from 'zod';
import { APIPromise, type APIResponse } from './api-promise.ts';
import { AttemptSignal } from './attempt-signal.ts';
import { apiErrorFor, errorFromResponse } from './error-from-response.ts';
import type { APIError } from './errors/api-error.ts';
import type { RequestTarget } from './errors/connection-error.ts';
import { InvalidArgumentError } from './errors/invalid-argument-error.ts';
import { NotSupportedByProviderError } from './errors/not-supported-by-provider-error.ts';
import { RedirectError } from './errors/redirect-error.ts';
import { ResponseTooLargeError } from './errors/response-too-large-error.ts';
import { ResponseValidationError } from './errors/response-validation-error.ts';
import { APIUserAbortError } from './errors/user-abort-error.ts';
import { attemptFailure, bodyFailure } from './failures.ts';
import { type HeaderRecord, mergeHeaders, requestIdOf } from './headers.ts';
import { type LineReader, readLines } from './lines.ts';
import type { Logger } from './logger.ts';
import { MAX_TIMEOUT_MS, type ResolvedClientOptions } from './options.ts';
import type { Translation } from './providers/dialect.ts';
import { isMissingRoute } from './providers/missing-route.ts';
import type { Provider } from './providers/provider.ts';
import { appendQuery } from './query.ts';
import { type BodyLimits, guardedBody, readText } from './read-body.ts';
import type { Redactor } from './redact.ts';
import { type Hop, isRedirect, nextHop } from './redirects.ts';
import { attachRequestId, type WithRequestId } from './request-id.ts';
import { requestInit } from './request-init.ts';
import type { HttpMethod, RequestBody, RequestSpec } from './request-spec.ts';
import { withRetries } from './retry-loop.ts';
import type { Transport } from './transport.ts';
import { issuesOf } from './validate.ts';

export type { HttpMethod, RequestBody, RequestOptions, RequestSpec } from './request-spec.ts';

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
  /**
   * Headers redacted; the body guarded: its failures are typed, and each read may wait at
   * most the request's `timeout` for bytes.
   */
  response: Response;
  requestId: string | undefined;
  /** Where the request went, for errors raised while reading the body. */
  method: HttpMethod;
  url: string;
  /** For text read from the body that the client parses (server-sent events). */
  redactor: Redactor;
  /** The client's `maxResponseBytes`, for bodies read piece by piece (one event). */
  maxResponseBytes: number;
}

/** A request made ready to send: resolved once, used by every attempt. */
interface Prepared {
  spec: RequestSpec;
  /** How the request reads in the provider's API, and how its answer reads back. */
  translation: Translation;
  url: URL;
  target: RequestTarget;
  body: RequestBody | undefined;
  /** Whether the body can be produced again (for a retry or a 307/308). */
  replayable: boolean;
  timeoutMs: number;
  maxRetries: number;
  /** The caller's signal and the consumer's, combined. */
  stop: AbortSignal | undefined;
}

/** What one attempt got: a response with headers in, and the attempt's signal. */
interface Exchange {
  prepared: Prepared;
  response: Response;
  requestId: string | undefined;
  signal: AttemptSignal;
}

/** Reads an exchange's body inside the attempt (so its failures are retried like the rest). */
type BodyRead<T> = (exchange: Exchange) => Promise<T>;

/** For downloads read whole: the user asked for the file, whatever its size. */
const UNLIMITED: BodyLimits = {
  maxBytes: Number.POSITIVE_INFINITY,
  tooLarge: () => new Error('unreachable: downloads have no limit'),
};

/** Statuses whose responses have no body (`new Response` refuses one). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The request pipeline: URL and headers, the body, redirects, retries, the one timeout, error
 * mapping, body limits, redaction of everything that comes back, response validation.
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
    return new APIPromise(this.#request(spec, (exchange) => this.#readJson(schema, exchange)));
  }

  /**
   * Sends a request and reads the whole answer as text, inside the attempt: a body cut short
   * or stalled is retried like any failed request. Not limited by `maxResponseBytes` (this is
   * for downloads).
   */
  text(spec: RequestSpec): APIPromise<string> {
    return new APIPromise(
      this.#request(spec, async ({ response, requestId }) => {
        const text = await readText(response, UNLIMITED);
        return { data: text, response: new Response(text, response), requestId };
      }),
    );
  }

  /**
   * Sends a request and returns the response once its headers are in, body unread (but
   * guarded, see {@link OpenResponse}). `abort` (optional) cancels the request and the body
   * later, e.g. when a consumer stops reading.
   */
  open(spec: RequestSpec, abort?: AbortController): APIPromise<OpenResponse> {
    return new APIPromise(
      this.#request(
        spec,
        async (exchange) => {
          const open = this.#openResponse(exchange);
          return { data: open, response: open.response, requestId: open.requestId };
        },
        abort?.signal,
      ),
    );
  }

  /**
   * The lines of a text download, resuming after a body cut short or stalled: the download
   * is requested again and the lines already delivered are skipped (files do not change), at
   * most the request's `maxRetries` times. Lines end at `\n` (a `\r` before it is dropped).
   */
  lines(spec: RequestSpec): AsyncGenerator<string, void, undefined> {
    const reader: LineReader = {
      open: () => this.open(spec).then((open) => open.response),
      maxResumes: spec.options?.maxRetries ?? this.#config.options.maxRetries,
      signal: spec.options?.signal,
      logger: this.#config.logger,
      label: `${spec.method} ${spec.path}`,
    };
    return readLines(reader);
  }

  /** Prepares, then runs attempts until one succeeds or the failure is final. */
  async #request<T>(
    spec: RequestSpec,
    read: BodyRead<APIResponse<T>>,
    consumerSignal?: AbortSignal,
  ): Promise<APIResponse<T>> {
    const prepared = await this.#prepare(spec, consumerSignal);
    return withRetries((attemptNumber) => this.#attempt(prepared, attemptNumber, read), {
      maxRetries: prepared.maxRetries,
      signal: prepared.stop,
      logger: this.#config.logger,
      label: `${prepared.target.method} ${prepared.target.url}`,
      recover: spec.recover as ((error: Error) => Promise<APIResponse<T> | undefined>) | undefined,
    });
  }

  /** Everything that is the same for every attempt, checked before anything is sent. */
  async #prepare(spec: RequestSpec, consumerSignal: AbortSignal | undefined): Promise<Prepared> {
    const { options } = this.#config;
    const userSignal = spec.options?.signal;
    if (userSignal?.aborted) throw new APIUserAbortError(undefined, { cause: userSignal.reason });
    const resolved = await spec.body;
    // After the body: a body still being prepared (a file opening) must not be left to fail unheard.
    this.#checkFeatures(spec);
    const translation: Translation = spec.signedURL
      ? { request: { method: spec.method, path: spec.path, query: undefined, body: resolved } }
      : options.provider.translate({
          method: spec.method,
          path: spec.path,
          query: spec.query,
          body: resolved,
        });
    const { body } = translation.request;
    const url = this.#url(spec, translation);
    const replayable = isReplayable(body);
    const signals = [userSignal, consumerSignal].filter((s): s is AbortSignal => s !== undefined);
    return {
      spec,
      translation,
      url,
      target: { method: translation.request.method, url: url.origin + url.pathname },
      body,
      replayable,
      timeoutMs: checkedTimeout(spec.options?.timeout ?? options.timeout),
      maxRetries: replayable ? (spec.options?.maxRetries ?? options.maxRetries) : 0,
      stop: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
    };
  }

  /**
   * One attempt: send (following allowed redirects), turn an error status into its typed
   * error, read the body with `read` — all under one timer — and type whatever fails.
   */
  async #attempt<T>(prepared: Prepared, attemptNumber: number, read: BodyRead<T>): Promise<T> {
    const signal = new AttemptSignal(prepared.timeoutMs, prepared.stop);
    try {
      const response = await this.#send(prepared, signal, attemptNumber);
      const requestId = requestIdOf(response.headers);
      const returnedRedirect = prepared.spec.redirect === 'return' && isRedirect(response.status);
      if (!response.ok && !returnedRedirect) throw await this.#errorFor(prepared, response);
      return await read({ prepared, response, requestId, signal });
    } catch (error) {
      throw attemptFailure(error, {
        target: prepared.target,
        signal,
        redactor: this.#config.redactor,
      });
    } finally {
      // A body handed to the caller disarmed it already; everything else is finished here.
      signal.disarm();
    }
  }

  /**
   * Sends the request and follows redirects within the API's origin. Every answer enters the
   * client here, its headers redacted.
   */
  async #send(prepared: Prepared, signal: AttemptSignal, attemptNumber: number): Promise<Response> {
    const { logger, transport } = this.#config;
    let hop: Hop = {
      url: prepared.url,
      method: prepared.translation.request.method,
      withBody: prepared.body !== undefined,
    };
    // A signed URL's query is its signature: logs name the request without it.
    const shown = (url: URL) => (prepared.spec.signedURL ? url.origin + url.pathname : url.href);
    for (let followed = 0; ; followed += 1) {
      const init = this.#init(prepared, hop, signal.signal);
      const started = performance.now();
      logger.debug(
        `→ ${hop.method} ${shown(hop.url)} (attempt ${attemptNumber}/${prepared.maxRetries + 1})`,
        { headers: this.#config.redactor.headers(init.headers as Headers) },
      );
      const response = this.#redacted(await transport.fetch(hop.url.href, init));
      logger.debug(
        `← ${response.status} ${hop.method} ${hop.url.pathname} in ${Math.round(performance.now() - started)} ms`,
        { requestId: requestIdOf(response.headers) },
      );
      if (!isRedirect(response.status) || prepared.spec.redirect === 'return') return response;
      await response.body?.cancel().catch(() => {});
      const next = nextHop(response, {
        hop,
        followed,
        replayableBody: prepared.replayable,
        target: prepared.target,
      });
      if (next instanceof RedirectError) throw next;
      hop = next;
    }
  }

  /** The fetch options of one hop. */
  #init(prepared: Prepared, hop: Hop, signal: AbortSignal): RequestInit {
    const { options, baseHeaders } = this.#config;
    // A signed URL authorises the request by itself: none of the client's headers go there.
    const headers = prepared.spec.signedURL
      ? mergeHeaders(prepared.spec.options?.headers)
      : mergeHeaders(
          { accept: 'application/json' },
          baseHeaders,
          options.defaultHeaders,
          prepared.spec.options?.headers,
        );
    const body = hop.withBody ? prepared.body : undefined;
    return requestInit({
      method: hop.method,
      headers,
      body,
      signal,
      redirect: prepared.spec.redirect,
    });
  }

  /** The response as the client keeps it: same status and body, headers redacted. */
  #redacted(response: Response): Response {
    return new Response(NULL_BODY_STATUSES.has(response.status) ? null : response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: this.#config.redactor.responseHeaders(response.headers),
    });
  }

  /** The typed error for an error status, its body read within `maxResponseBytes`. */
  async #errorFor(prepared: Prepared, response: Response): Promise<Error> {
    let text = '';
    try {
      text = await readText(response, this.#limits(prepared, response));
    } catch (error) {
      // Too large is final; an error body that breaks off still leaves the status to report.
      if (error instanceof ResponseTooLargeError) return error;
    }
    const error = errorFromResponse(
      {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        text,
        method: prepared.target.method,
        url: prepared.target.url,
      },
      this.#config.redactor,
    );
    return this.#missingRoute(prepared.spec, response.status, text, error) ?? error;
  }

  /** Reads, redacts, parses and validates a JSON answer. */
  async #readJson<T>(
    schema: z.ZodType<T>,
    { prepared, response, requestId }: Exchange,
  ): Promise<APIResponse<WithRequestId<T>>> {
    const raw = await readText(response, this.#limits(prepared, response));
    const { request, answer } = prepared.translation;
    const endpoint = `${request.method} ${request.path}`;
    const parsed = this.#config.redactor.parseJson(raw);
    if (parsed === undefined) {
      const type = response.headers.get('content-type') ?? 'no content type';
      const excerpt = this.#config.redactor.text(raw.slice(0, 120)).replace(/\s+/g, ' ');
      throw new ResponseValidationError(endpoint, requestId, [
        { path: '', message: `expected JSON, got ${type}: ${JSON.stringify(excerpt)}` },
      ]);
    }
    const value = answer
      ? answer(parsed.value, { notFound: (message) => this.#notFound(prepared, response, message) })
      : parsed.value;
    let data = value as T;
    if (this.#config.options.validateResponses) {
      const checked = safeParseBounded(schema, value);
      if (checked === undefined) {
        throw new ResponseValidationError(endpoint, requestId, [
          { path: '', message: 'the body is nested too deeply to check' },
        ]);
      }
      if (!checked.success) {
        throw new ResponseValidationError(endpoint, requestId, issuesOf(checked.error));
      }
      data = checked.data;
    }
    const kept = new Response(parsed.text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    return { data: attachRequestId(data, requestId), response: kept, requestId };
  }

  /** The answer of `open()`: the timer handed over to a guard on each read of the body. */
  #openResponse({ prepared, response, requestId, signal }: Exchange): OpenResponse {
    signal.disarm();
    const { target, spec } = prepared;
    const body =
      response.body &&
      guardedBody(response.body, {
        idleMs: signal.timeoutMs,
        abort: () => signal.fire(),
        failure: (error, received, timedOut) =>
          bodyFailure(error, received, timedOut, {
            target,
            signal,
            redactor: this.#config.redactor,
          }),
      });
    return {
      response: new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      }),
      requestId,
      method: spec.method,
      url: target.url,
      redactor: this.#config.redactor,
      maxResponseBytes: this.#config.options.maxResponseBytes,
    };
  }

  /** The body limits of a response the client parses. */
  #limits(prepared: Prepared, response: Response): BodyLimits {
    const maxBytes = this.#config.options.maxResponseBytes;
    return {
      maxBytes,
      tooLarge: (received, declared) =>
        new ResponseTooLargeError({
          limit: maxBytes,
          declared,
          received,
          status: response.status,
          method: prepared.spec.method,
          url: prepared.target.url,
          requestId: requestIdOf(response.headers),
        }),
    };
  }

  #url(spec: RequestSpec, translation: Translation): URL {
    if (spec.signedURL) return new URL(spec.signedURL);
    const { request } = translation;
    const url = new URL(this.#config.options.baseURL + request.path);
    const { provider, defaultQuery } = this.#config.options;
    appendQuery(url, provider.query, defaultQuery, request.query, spec.options?.query);
    return url;
  }

  /** A 404 for an object a successful answer does not hold (looked up in a list). */
  #notFound(prepared: Prepared, response: Response, message: string): APIError {
    const { redactor } = this.#config;
    return apiErrorFor({
      status: 404,
      apiMessage: redactor.text(message),
      code: null,
      param: null,
      type: null,
      headers: redactor.headers(response.headers),
      requestId: requestIdOf(response.headers),
      body: null,
      method: prepared.target.method,
      url: prepared.target.url,
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

/** A per-request timeout, checked: a timer cannot hold more than about 24.8 days. */
function checkedTimeout(timeout: number): number {
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT_MS) {
    throw new InvalidArgumentError(
      `Invalid timeout ${timeout}: expected a positive number of milliseconds, at most ${MAX_TIMEOUT_MS}.`,
      'timeout',
    );
  }
  return timeout;
}

/**
 * `schema.safeParse`, or undefined when the value is nested too deeply for zod's recursive
 * walk (a hostile body: JSON.parse itself takes any depth).
 */
function safeParseBounded<T>(schema: z.ZodType<T>, value: unknown) {
  try {
    return schema.safeParse(value);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Whether a body can be produced again, for a retry or a 307/308: everything but a stream. */
function isReplayable(body: RequestBody | undefined): boolean {
  if (body?.kind === 'multipart') return body.payload.replayable;
  if (body?.kind === 'bytes') return body.source.kind === 'blob';
  return true;
}
