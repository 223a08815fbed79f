import { Redactor } from '../core/redact.ts';
import type { Flavour } from './route-context.ts';

/** How a request authenticated (the key itself is never kept). */
export type AuthScheme = 'bearer' | 'api-key' | null;

/** One request the fake received, as tests assert on it. */
export interface RecordedCall {
  method: string;
  /** The path as sent, base included: `/v1/fine_tuning/jobs`. */
  path: string;
  /** The route's name (`jobs.create`), or null when no route matched. */
  route: string | null;
  flavour: Flavour | null;
  /** Query parameters; a repeated one becomes an array. */
  query: Record<string, string | string[]>;
  /** Request headers, lower-cased, without `authorization`, `api-key` or cookies. */
  headers: Record<string, string>;
  auth: AuthScheme;
  /**
   * The body: parsed JSON; for multipart, the text fields and `{ filename, bytes, type }` for
   * each file; otherwise the text, or undefined when there was none.
   */
  body: unknown;
  /** Simulated time of arrival in milliseconds. */
  at: number;
  /** The status answered, `network-error` for a dropped connection, null while in progress. */
  status: number | 'network-error' | null;
}

/** Headers that carry credentials: left out of the log altogether. */
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'api-key',
  'x-api-key',
  'proxy-authorization',
  'cookie',
]);

function queryOf(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const seen = out[name];
    out[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return out;
}

async function bodyOf(request: Request, bytes: Uint8Array): Promise<unknown> {
  if (bytes.byteLength === 0) return undefined;
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    try {
      const form = await new Request('http://fake.invalid/', {
        method: 'POST',
        headers: { 'content-type': type },
        body: bytes as Uint8Array<ArrayBuffer>,
      }).formData();
      const out: Record<string, unknown> = {};
      for (const [name, value] of form) {
        out[name] =
          typeof value === 'string'
            ? value
            : { filename: value.name, bytes: value.size, type: value.type };
      }
      return out;
    } catch {
      return { unparsable: true, bytes: bytes.byteLength };
    }
  }
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Builds the log entry of a request. Credential headers are dropped, and the key itself is
 * also scrubbed by value from everything kept (a client could put it in a query or body).
 */
export async function recordCall(
  request: Request,
  url: URL,
  bytes: Uint8Array,
  facts: { route: string | null; flavour: Flavour | null; at: number; secrets: string[] },
): Promise<RecordedCall> {
  const redactor = new Redactor(facts.secrets);
  const headers: Record<string, string> = {};
  let auth: AuthScheme = null;
  for (const [name, value] of request.headers) {
    if (name === 'authorization' && /^bearer\s/i.test(value)) auth = 'bearer';
    if (name === 'api-key') auth = 'api-key';
    if (!CREDENTIAL_HEADERS.has(name)) headers[name] = redactor.text(value);
  }
  return {
    method: request.method,
    path: redactor.text(url.pathname),
    route: facts.route,
    flavour: facts.flavour,
    query: redactor.deep(queryOf(url)),
    headers,
    auth,
    body: redactor.deep(await bodyOf(request, bytes)),
    at: facts.at,
    status: null,
  };
}
