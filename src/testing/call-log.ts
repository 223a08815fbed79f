import { Redactor } from '../core/redact.ts';
import type { MultipartBody } from './http/multipart-body.ts';
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
   * each file; otherwise the text. Undefined when there was none, and when the request was
   * refused before its body was read (no such path, no valid key, a body over the size limit).
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

/** What a call log shows of a request body: parsed JSON, the text, or the multipart form. */
export type ReadBody =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'multipart'; form: MultipartBody };

function bodyOf(read: ReadBody): unknown {
  if (read.kind === 'multipart') {
    const out: Record<string, unknown> = Object.fromEntries(read.form.fields);
    for (const [name, file] of read.form.files) {
      out[name] = { filename: file.filename, bytes: file.bytes.byteLength, type: file.type };
    }
    return out;
  }
  if (read.bytes.byteLength === 0) return undefined;
  const text = new TextDecoder().decode(read.bytes);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Builds the log entry of a request, before its body is read (a request refused before that,
 * unauthenticated or to no route, never has its body read: `body` stays undefined). Credential
 * headers are dropped, and the key itself is also scrubbed by value from everything kept (a
 * client could put it in a query or body).
 */
export function recordCall(
  request: Request,
  url: URL,
  facts: { route: string | null; flavour: Flavour | null; at: number; secrets: string[] },
): RecordedCall {
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
    body: undefined,
    at: facts.at,
    status: null,
  };
}

/** Adds a body, once read, to its call's log entry, scrubbed of the key as the rest. */
export function recordBody(call: RecordedCall, read: ReadBody, secrets: string[]): void {
  call.body = new Redactor(secrets).deep(bodyOf(read));
}
