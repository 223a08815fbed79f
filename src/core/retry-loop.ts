import { APIError } from './errors/api-error.ts';
import type { Logger } from './logger.ts';
import { classifyFailure, retryAfterMs, retryDelayMs } from './retry-policy.ts';
import { sleep } from './sleep.ts';

/** How one request is retried. */
export interface RetryPlan<T> {
  /** Retries after the first attempt; 0 when the body cannot be sent again. */
  maxRetries: number;
  /** Stops the waits between attempts (the caller's signal). */
  signal: AbortSignal | undefined;
  logger: Logger;
  /** `POST https://…/files`, for log lines. */
  label: string;
  /**
   * For requests that must not take effect twice: called after an ambiguous failure, once the
   * pause before the next attempt is over (and after the last attempt too). A result ends the
   * request with it instead of sending it again.
   */
  recover?: ((error: Error) => Promise<T | undefined>) | undefined;
}

/** What the server asked a failed attempt to wait, if anything. */
function serverAskedMs(error: unknown): number | undefined {
  if (!(error instanceof APIError)) return undefined;
  return retryAfterMs(new Headers(Object.entries(error.headers)));
}

/**
 * Runs `attempt` until it succeeds, retrying what `classifyFailure` calls retryable, at most
 * `maxRetries` times, pausing as the server asks (`retry-after-ms`, `retry-after`) or with
 * exponential backoff. A pause the server wants longer than a minute is not taken: the error
 * goes to the caller. Ambiguous failures are looked up with `recover` before anything is sent
 * again. Retries live here, above fetch, never as undici interceptors (which msw 2 skips).
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  plan: RetryPlan<T>,
): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      const { retryable, ambiguous } = classifyFailure(error);
      const retry = retryable && attemptNumber <= plan.maxRetries;
      const recover = ambiguous ? plan.recover : undefined;
      if (!retry && !recover) throw error;
      const delay = retryDelayMs(attemptNumber, serverAskedMs(error));
      if (delay === undefined) throw error;
      const message = (error as Error).message;
      if (retry) {
        plan.logger.warn(
          `Retrying ${plan.label} in ${delay} ms (retry ${attemptNumber} of ${plan.maxRetries}): ${message}`,
        );
      }
      await sleep(delay, plan.signal);
      // The server may have acted on the lost request: look before sending it again.
      const found = recover ? await recover(error as Error) : undefined;
      if (found !== undefined) {
        plan.logger.info(
          `${plan.label} failed ambiguously (${message}); found its result instead of sending it again`,
        );
        return found;
      }
      if (!retry) throw error;
    }
  }
}
