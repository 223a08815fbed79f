import { APIError } from '../core/errors/api-error.ts';
import { APIConnectionError } from '../core/errors/connection-error.ts';
import type { Logger } from '../core/logger.ts';
import { retryAfterMs } from '../core/retry-policy.ts';
import { sleep } from '../core/sleep.ts';

/** Longest pause between attempts while the API keeps failing. */
const MAX_FAILURE_BACKOFF_MS = 60_000;

/**
 * Whether an error is worth waiting out when polling: the network, the service or the rate
 * limiter, not the request itself. The client has already retried it `maxRetries` times.
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof APIConnectionError) return true;
  if (!(error instanceof APIError)) return false;
  return [408, 409, 429].includes(error.status) || error.status >= 500;
}

/**
 * The pause after the n-th consecutive failure of a poll: what the server asked for, else
 * `base` (the poll interval, 1 s by default), doubling with each failure, capped at a minute.
 */
export function failureBackoffMs(failures: number, error: unknown, base = 1000): number {
  if (error instanceof APIError) {
    const asked = retryAfterMs(new Headers(Object.entries(error.headers)));
    if (asked !== undefined) return Math.min(asked, MAX_FAILURE_BACKOFF_MS);
  }
  return Math.min(base * 2 ** (failures - 1), MAX_FAILURE_BACKOFF_MS);
}

/**
 * A polling interval that stays short while something happens and stretches (×1.5) while
 * nothing does, so an active job is followed closely and an idle queue costs few requests.
 */
export class AdaptiveInterval {
  readonly #min: number;
  readonly #max: number;
  #current: number;

  constructor(min: number, max: number) {
    this.#min = min;
    this.#max = Math.max(min, max);
    this.#current = min;
  }

  /** Something happened: poll again soon. */
  active(): number {
    this.#current = this.#min;
    return this.#current;
  }

  /** Nothing happened: wait a little longer next time. */
  idle(): number {
    const wait = this.#current;
    this.#current = Math.min(Math.round(this.#current * 1.5), this.#max);
    return wait;
  }
}

/** A signal that also aborts after `timeoutMs`, and a way to tell which one fired. */
export function deadline(signal: AbortSignal | undefined, timeoutMs: number | undefined) {
  const timer = new AbortController();
  const handle = timeoutMs === undefined ? undefined : setTimeout(() => timer.abort(), timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timer.signal]) : timer.signal;
  return {
    signal: combined,
    /** Whether the time ran out (rather than the caller aborting). */
    expired: () => timer.signal.aborted && !signal?.aborted,
    clear: () => clearTimeout(handle),
  };
}

/**
 * Runs one poll until it succeeds, waiting out transient failures (after the client's own
 * retries gave up) with a growing pause, each logged as a warning. Other errors are thrown.
 */
export async function waitOutFailures<T>(
  poll: () => Promise<T>,
  context: { signal: AbortSignal | undefined; logger: Logger; label: string; baseMs?: number },
): Promise<T> {
  for (let failures = 1; ; failures += 1) {
    try {
      return await poll();
    } catch (error) {
      if (!isTransientError(error)) throw error;
      const wait = failureBackoffMs(failures, error, context.baseMs);
      context.logger.warn(
        `${context.label}: ${(error as Error).message}; polling again in ${wait} ms (failure ${failures})`,
      );
      await sleep(wait, context.signal);
    }
  }
}
