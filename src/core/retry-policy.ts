import { APIError } from './errors/api-error.ts';
import { APIConnectionError } from './errors/connection-error.ts';

/** First backoff delay; doubles with each retry up to MAX_BACKOFF_MS. */
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;
/** A server asking for a longer pause than this is not waited for: the caller decides. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Whether a failed response should be retried. The server's `x-should-retry` header is
 * authoritative when present; otherwise 408, 409 (lock contention), 429 and 5xx are retried.
 */
export function isRetryableResponse(status: number, headers: Headers): boolean {
  return retryableStatus(status, headers.get('x-should-retry'));
}

function retryableStatus(status: number, hint: string | null | undefined): boolean {
  if (hint === 'true') return true;
  if (hint === 'false') return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** What a failure means for trying again. The one place that decides it. */
export interface FailureClass {
  /**
   * Worth trying again: the network, a timeout, the service or the rate limiter — not the
   * request itself. The request pipeline retries these (when the body can be sent again);
   * polling (`jobs.follow`, `jobs.wait`, `files.waitForProcessing`) waits them out, within its
   * window, after the pipeline's own retries.
   */
  retryable: boolean;
  /**
   * The server may have acted on the request although no answer said so: the connection was
   * lost or timed out, or it answered 408 or ≥ 500. A request that must not take effect twice
   * looks before it is sent again.
   */
  ambiguous: boolean;
}

/**
 * Classifies a failed attempt. Anything tunekit itself refused (too large, a redirect, an
 * invalid response, an abort) is neither retryable nor ambiguous.
 *
 * @example
 * classifyFailure(new APIConnectionError('reset')); // { retryable: true, ambiguous: true }
 */
export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof APIConnectionError) return { retryable: true, ambiguous: true };
  if (error instanceof APIError) {
    return {
      retryable: retryableStatus(error.status, error.headers['x-should-retry']),
      ambiguous: error.status === 408 || error.status >= 500,
    };
  }
  return { retryable: false, ambiguous: false };
}

/**
 * How long the server asked us to wait, from `retry-after-ms` (milliseconds) or `retry-after`
 * (seconds or an HTTP date). Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Exponential backoff with jitter for the n-th retry (1-based): 0.5 s, 1 s, 2 s … capped at
 * 8 s, each shortened by up to a quarter at random so that many clients do not retry in step.
 */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const base = Math.min(INITIAL_BACKOFF_MS * 2 ** (retry - 1), MAX_BACKOFF_MS);
  return Math.round(base * (1 - 0.25 * random()));
}

/**
 * The wait before the n-th retry: what the server asked for when it asked (up to
 * MAX_RETRY_AFTER_MS), else backoff. `undefined` means "do not retry": the server wants a
 * longer pause than a request should silently block for.
 */
export function retryDelayMs(retry: number, serverAskedMs: number | undefined): number | undefined {
  if (serverAskedMs === undefined) return backoffMs(retry);
  if (serverAskedMs > MAX_RETRY_AFTER_MS) return undefined;
  return serverAskedMs;
}
