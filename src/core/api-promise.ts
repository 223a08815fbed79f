/** A parsed response together with the raw HTTP response it came from. */
export interface APIResponse<T> {
  data: T;
  /**
   * The HTTP response. For JSON endpoints its body was already read to parse `data`; a fresh
   * copy of the text is in the body here, so `await response.text()` still works.
   */
  response: Response;
  /** The id the server gave the request (`x-request-id` or the provider's equivalent). */
  requestId: string | undefined;
}

/**
 * What every API method returns: a promise of the parsed result that also offers the raw
 * response — `await client.files.retrieve(id)` gives the file; `.withResponse()` gives
 * `{ data, response, requestId }`; `.asResponse()` gives the `Response` alone.
 *
 * @example
 * const { data: job, requestId } = await client.jobs.retrieve('ftjob-1').withResponse();
 */
export class APIPromise<T> implements PromiseLike<T> {
  readonly #result: Promise<APIResponse<T>>;
  #data: Promise<T> | undefined;

  /** @internal Built by the client's methods; user code receives one, never constructs it. */
  constructor(result: Promise<APIResponse<T>>) {
    this.#result = result;
  }

  /**
   * The parsed data with the raw response and the request id, in one await: for a header the
   * data does not carry (rate limits) or the id to quote to support.
   *
   * @example
   * const { data: job, response, requestId } = await client.jobs.retrieve('ftjob-abc').withResponse();
   * console.log(job.status, response.headers.get('x-ratelimit-remaining-requests'), requestId);
   */
  withResponse(): Promise<APIResponse<T>> {
    return this.#result;
  }

  /**
   * The raw `Response`, for headers and status (and the body, for download endpoints). An
   * error status still rejects with an `APIError`, as `await` would.
   *
   * @example
   * const response = await client.files.content('file-abc').asResponse();
   * console.log(response.status, response.headers.get('content-type'));
   */
  asResponse(): Promise<Response> {
    return this.#result.then((result) => result.response);
  }

  /**
   * Settles with the parsed data (or the request's error), which makes the call awaitable:
   * `await client.models.list()` is `then` underneath. The request is sent once, however many
   * times the result is awaited.
   *
   * @example
   * const model = await client.models.retrieve('gpt-4o-mini');
   * client.models.retrieve('gpt-4o-mini').then((m) => console.log(m.owned_by));
   */
  // biome-ignore lint/suspicious/noThenProperty: this class is a promise on purpose.
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#value().then(onfulfilled, onrejected);
  }

  /**
   * Handles the request's error: an `APIError` subclass for an error status, an
   * `APIConnectionError` when no answer came, and so on (see the error classes).
   *
   * @example
   * const file = await client.files.retrieve(id).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e)));
   */
  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#value().catch(onrejected);
  }

  /**
   * Runs `onfinally` when the request settles, either way; the result or error passes through.
   *
   * @example
   * spinner.start();
   * const jobs = await client.jobs.list().finally(() => spinner.stop());
   */
  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#value().finally(onfinally);
  }

  get [Symbol.toStringTag](): string {
    return 'APIPromise';
  }

  #value(): Promise<T> {
    this.#data ??= this.#result.then((result) => result.data);
    return this.#data;
  }
}

/** A new APIPromise whose data is `map(data)`, keeping the response and the request id. */
export function mapData<T, U>(promise: APIPromise<T>, map: (data: T) => U): APIPromise<U> {
  return new APIPromise(
    promise.withResponse().then((result) => ({ ...result, data: map(result.data) })),
  );
}
