/**
 * A failure to script into the fake: an error status, a delay, a dropped connection or a cut
 * stream, for the next `times` requests to a route.
 *
 * @example
 * fake.inject({ route: 'jobs.create', status: 429, retryAfter: 1, times: 2 });
 * fake.inject({ route: 'jobs.create', dropConnection: 'after' }); // created, but no answer
 * fake.inject({ route: 'chat.completions.create', truncateStream: 3 });
 */
export interface FaultSpec {
  /**
   * Which requests: a route name (`jobs.create`, `files.content`, `chat.completions.create`…),
   * a method and path as the API documents it (`POST /fine_tuning/jobs`,
   * `GET /fine_tuning/jobs/:fine_tuning_job_id/events`), or `*` for every route. Default `*`.
   */
  route?: string | undefined;
  /** Answer with this HTTP status and an error body in the API's shape. */
  status?: number | undefined;
  /** The error's message (default: the real service's wording for the status). */
  message?: string | undefined;
  /** The error's `code` (default: `rate_limit_exceeded` for 429, else null). */
  code?: string | null | undefined;
  /** The error's `type` (default: the real service's type for the status). */
  type?: string | undefined;
  /** Seconds, sent as `retry-after` (and as `retry-after-ms`). */
  retryAfter?: number | undefined;
  /** Extra response headers of the error, e.g. `{ 'x-should-retry': 'false' }`. */
  headers?: Record<string, string> | undefined;
  /** Wait this many real milliseconds before answering (aborted if the client gives up). */
  delayMs?: number | undefined;
  /**
   * Drop the connection instead of answering. `'before'` (or `true`): the request is not
   * processed. `'after'`: it is processed — a job is created, a file stored — and then the
   * connection drops before the answer, so the client cannot know it succeeded.
   */
  dropConnection?: boolean | 'before' | 'after' | undefined;
  /**
   * Cut the response body short and drop the connection: after this many server-sent events
   * for a stream (`true`: after the first), after this many bytes for any other body (`true`:
   * half of it).
   */
  truncateStream?: boolean | number | undefined;
  /** How many matching requests fail. Default 1; `Infinity` for all. */
  times?: number | undefined;
  /** Let this many matching requests through before failing. Default 0. */
  skip?: number | undefined;
}

/** An injected fault, to see how often it fired or to take it back. */
export interface FaultHandle {
  /** Requests it has failed so far. */
  readonly hits: number;
  /** Requests it will still fail. */
  readonly remaining: number;
  /** Stops it now. */
  remove(): void;
}
