/**
 * Header values by name, as options take them; `null` removes a header tunekit would otherwise
 * send. Not the DOM's `HeadersInit`, which an earlier name shadowed.
 */
export type HeaderRecord = Record<string, string | null | undefined>;

/**
 * Merges header sources in order; later ones win, and a `null` value removes the header
 * (so a user can drop one tunekit would send).
 */
export function mergeHeaders(...sources: Array<HeaderRecord | undefined>): Headers {
  const headers = new Headers();
  for (const source of sources) {
    if (!source) continue;
    for (const [name, value] of Object.entries(source)) {
      if (value === null) headers.delete(name);
      else if (value !== undefined) headers.set(name, value);
    }
  }
  return headers;
}

/** Header names under which providers send the request id, most common first. */
const REQUEST_ID_HEADERS = ['x-request-id', 'apim-request-id', 'x-ms-request-id', 'request-id'];

/** The request id the server assigned, to quote to its support. */
export function requestIdOf(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}
