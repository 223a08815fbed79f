/** Query parameters added to requests; `undefined` values are left out. */
export type QueryInit = Record<string, unknown>;

/**
 * Appends query parameters to a URL. Nested objects use bracket notation, as the API expects
 * for filters: `{ metadata: { team: "a" } }` → `metadata[team]=a`. `undefined` and `null`
 * values are left out.
 */
export function appendQuery(url: URL, ...sources: Array<QueryInit | undefined>): void {
  for (const source of sources) {
    if (!source) continue;
    for (const [key, value] of Object.entries(source)) append(url.searchParams, key, value);
  }
}

function append(params: URLSearchParams, key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) append(params, `${key}[]`, item);
  } else if (typeof value === 'object') {
    for (const [inner, item] of Object.entries(value)) append(params, `${key}[${inner}]`, item);
  } else {
    // A later source overrides an earlier one (per-request query over defaultQuery).
    params.set(key, String(value));
  }
}
