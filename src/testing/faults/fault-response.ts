import { RouteError } from '../http/route-error.ts';
import type { FaultSpec } from './fault.ts';

/** The real service's message for common failure statuses. */
function defaultMessage(status: number, retryAfter: number | undefined): string {
  switch (status) {
    case 401:
      return 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.';
    case 429:
      return `Rate limit reached for requests. Please try again in ${retryAfter ?? 1}s. Visit https://platform.openai.com/account/rate-limits to learn more.`;
    case 500:
      return 'The server had an error while processing your request. Sorry about that!';
    case 502:
      return 'Bad gateway.';
    case 503:
      return 'The server is overloaded or not ready yet.';
    default:
      return `The fake API was told to fail this request with status ${status}.`;
  }
}

/** The error an injected `status` fault answers with (the dialect writes the response). */
export function faultError(spec: FaultSpec & { status: number }): RouteError {
  const headers: Record<string, string> = { ...spec.headers };
  if (spec.retryAfter !== undefined) {
    headers['retry-after'] = String(spec.retryAfter);
    headers['retry-after-ms'] = String(Math.round(spec.retryAfter * 1000));
  }
  const code =
    spec.code !== undefined ? spec.code : spec.status === 429 ? 'rate_limit_exceeded' : null;
  return new RouteError(
    spec.status,
    {
      message: spec.message ?? defaultMessage(spec.status, spec.retryAfter),
      type: spec.type,
      code,
    },
    headers,
  );
}
