/**
 * Attaches the request id to a response object as `_request_id`, non-enumerable so that it does
 * not show up in `JSON.stringify` or equality checks, but `job._request_id` works.
 */
export function attachRequestId<T>(data: T, requestId: string | undefined): WithRequestId<T> {
  if (data !== null && typeof data === 'object' && !Object.isFrozen(data)) {
    Object.defineProperty(data, '_request_id', {
      value: requestId,
      enumerable: false,
      configurable: true,
      writable: false,
    });
  }
  return data as WithRequestId<T>;
}

/** A response object with the id of the request that fetched it. */
export type WithRequestId<T> = T & { readonly _request_id?: string | undefined };
