import { APIErrorBody } from '../schemas/api-error-body.ts';
import {
  APIError,
  type APIErrorDetails,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from './errors/api-error.ts';
import { requestIdOf } from './headers.ts';
import type { Redactor } from './redact.ts';
import { retryAfterMs } from './retry-policy.ts';

/** How much of a non-JSON error body (an HTML 502 page) is quoted in the message. */
const SNIPPET_LENGTH = 200;

/** A readable one-line excerpt of a text body: tags and runs of whitespace removed. */
function snippet(text: string): string {
  const flat = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > SNIPPET_LENGTH ? `${flat.slice(0, SNIPPET_LENGTH)}…` : flat;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface ErrorSource {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
  method: string;
  url: string;
}

/** The fields of an error body, whichever provider's shape it has, with secrets redacted. */
export interface ErrorBodyFields {
  message: string | undefined;
  code: string | null;
  param: string | null;
  type: string | null;
}

/** The message of a body shaped `{"message": "…"}` and nothing like `{"error": …}`. */
function topLevelMessage(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null || 'error' in json) return undefined;
  const message = (json as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}

/**
 * Reads `{"error": {...}}` (OpenAI's and Azure's shapes, or a bare string) from a parsed body,
 * or a bare `{"message": "…"}`.
 * Every value passes through the redactor: a gateway may echo the key in any of them.
 */
export function readErrorBody(json: unknown, redactor: Redactor): ErrorBodyFields {
  const parsed = APIErrorBody.safeParse(json);
  // Together AI answers a few routes with a bare `{"message": "…"}`.
  const bare = topLevelMessage(json);
  const error = parsed.success ? parsed.data.error : bare;
  const fields = typeof error === 'object' ? error : undefined;
  const text = (value: string | number | null | undefined) =>
    value == null || value === '' ? null : redactor.text(String(value));
  return {
    message: (typeof error === 'string' ? text(error) : text(fields?.message)) ?? undefined,
    code: text(fields?.code),
    param: text(fields?.param) ?? text(fields?.target),
    type: text(fields?.type),
  };
}

/**
 * Builds the typed error for a failed response: the class from the status, the fields from the
 * API's error body, and a message that still says something useful when the body is an HTML
 * page from a proxy. Secrets are redacted from everything kept.
 */
export function errorFromResponse(source: ErrorSource, redactor: Redactor): APIError {
  const json = parseJson(source.text);
  const fields = readErrorBody(json, redactor);
  const statusLine = source.statusText || 'error';
  const apiMessage =
    fields.message ??
    (json === undefined && source.text.trim()
      ? `${statusLine}: ${redactor.text(snippet(source.text))}`
      : statusLine);

  const details: APIErrorDetails = {
    status: source.status,
    apiMessage,
    code: fields.code,
    param: fields.param,
    type: fields.type,
    headers: redactor.headers(source.headers),
    requestId: requestIdOf(source.headers),
    body: redactor.deep(json ?? source.text),
    method: source.method,
    url: source.url,
  };

  return apiErrorFor(details, retryAfterMs(source.headers));
}

/**
 * The typed error for an error status: the class from the status, the fields from `details`.
 * `retryAfter` is what the server asked a rate-limited client to wait.
 */
export function apiErrorFor(
  details: APIErrorDetails,
  retryAfter?: number,
  options?: ErrorOptions,
): APIError {
  switch (details.status) {
    case 400:
      return new BadRequestError(details, options);
    case 401:
      return new AuthenticationError(details, options);
    case 403:
      return new PermissionDeniedError(details, options);
    case 404:
      return new NotFoundError(details, options);
    case 409:
      return new ConflictError(details, options);
    case 422:
      return new UnprocessableEntityError(details, options);
    case 429:
      return new RateLimitError(details, retryAfter, options);
    default:
      return details.status >= 500
        ? new InternalServerError(details, options)
        : new APIError(details, options);
  }
}

/**
 * The same error, same class and fields, with `note` after the API's message: what tunekit
 * knows that the API did not say (why the request was refused, where to go instead). The
 * original error is the `cause`.
 */
export function withNote(error: APIError, note: string): APIError {
  const details: APIErrorDetails = {
    status: error.status,
    apiMessage: `${error.apiMessage} — ${note}`,
    code: error.code,
    param: error.param,
    type: error.type,
    headers: error.headers,
    requestId: error.requestId,
    body: error.body,
    method: error.method,
    url: error.url,
  };
  const retryAfter = error instanceof RateLimitError ? error.retryAfterMs : undefined;
  return apiErrorFor(details, retryAfter, { cause: error });
}
