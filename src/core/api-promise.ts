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

  constructor(result: Promise<APIResponse<T>>) {
    this.#result = result;
  }

  /** The parsed data with the raw response and the request id. */
  withResponse(): Promise<APIResponse<T>> {
    return this.#result;
  }

  /** The raw `Response`, for headers and status (and the body, for download endpoints). */
  asResponse(): Promise<Response> {
    return this.#result.then((result) => result.response);
  }

  // biome-ignore lint/suspicious/noThenProperty: this class is a promise on purpose.
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#value().then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#value().catch(onrejected);
  }

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
