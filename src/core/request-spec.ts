import type { APIResponse } from './api-promise.ts';
import type { HeaderRecord } from './headers.ts';
import type { MultipartPayload } from './multipart.ts';
import type { ProviderFeature } from './providers/features.ts';
import type { QueryInit } from './query.ts';
import type { FileSource } from './uploadable.ts';

/** Options every API method accepts as its last argument, overriding the client's. */
export interface RequestOptions {
  /**
   * Milliseconds one attempt may take (see the client's `timeout`); overrides the client's
   * value, longer or shorter.
   */
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

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The body of a request: JSON, multipart with a file, URL-encoded form fields, or a file's raw
 * bytes (`application/octet-stream`, for a signed upload URL).
 */
export type RequestBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'multipart'; payload: MultipartPayload }
  | { kind: 'form'; fields: Readonly<Record<string, string>> }
  | { kind: 'bytes'; source: FileSource };

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
   * `follow` (default): same-origin redirects are followed as `nextHop` allows, others fail
   * with `RedirectError`. `return`: a redirect is the answer — `open()` hands the 3xx response
   * to the caller, who reads `Location` itself (an upload answered with a signed URL).
   */
  redirect?: 'follow' | 'return' | undefined;
  /**
   * An absolute URL that carries its own authorisation (a signed upload URL the API handed
   * out): the request goes there instead of `baseURL + path`, and carries none of the client's
   * headers — no key, no identification, no `defaultHeaders` — and no default query. `path`
   * still names the request in logs. Its query (the signature) is never logged or quoted.
   */
  signedURL?: URL | undefined;
  /**
   * For requests that must not take effect twice (creating a paid job). Called after a failure
   * that leaves unknown whether the server acted — connection lost, timeout, 408, ≥ 500 — once
   * the pause before the next attempt is over (and after the last attempt too). Resolving with
   * a result ends the request with it instead of sending the request again.
   */
  recover?: ((error: Error) => Promise<APIResponse<unknown> | undefined>) | undefined;
}
