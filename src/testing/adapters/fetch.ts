import type { FakeHandler } from '../dispatch.ts';

/** A `fetch` with the fake behind it. */
export type FakeFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A `fetch` function served by the fake directly (no msw, no port), for clients that take a
 * `fetch` option. A dropped connection rejects with a `TypeError` as a real fetch's does.
 */
export function fetchAdapter(handle: FakeHandler): FakeFetch {
  return async (input, init) => {
    const response = await handle(new Request(input, init));
    if (response.type === 'error') {
      throw new TypeError('fetch failed', {
        cause: new Error('The fake API dropped the connection (injected dropConnection fault).'),
      });
    }
    return response;
  };
}
