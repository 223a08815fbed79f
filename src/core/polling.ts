import { withNote } from './error-from-response.ts';
import { APIError } from './errors/api-error.ts';
import { APIConnectionError } from './errors/connection-error.ts';
import type { Logger } from './logger.ts';
import { classifyFailure, retryAfterMs } from './retry-policy.ts';
import { sleep } from './sleep.ts';

/** Longest pause between polls while the API keeps failing. */
const MAX_FAILURE_BACKOFF_MS = 60_000;

/**
 * How long polling waits out failures in a row before it gives up, by default: long enough
 * for a service incident or a laptop changing networks, short enough that a loop never
 * retries forever.
 */
export const DEFAULT_MAX_OUTAGE_MS = 15 * 60_000;

/**
 * The same limit before the server has answered even once: a wrong base URL, a typo in the
 * host or a server that is not running should fail in seconds, not in minutes.
 */
export const FIRST_CONTACT_MAX_OUTAGE_MS = 30_000;

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

/** What a polling loop tells its {@link Patience}. */
export interface PatienceOptions {
  signal: AbortSignal | undefined;
  logger: Logger;
  /** `Following ftjob-abc`, for log lines and the final error. */
  label: string;
  /** The first pause after a failure (the poll interval). Default: 1,000 ms. */
  baseMs?: number | undefined;
  /** See {@link DEFAULT_MAX_OUTAGE_MS}. */
  maxOutage?: number | undefined;
  /** The clock, in milliseconds, and the pause between polls. Tests pass their own. */
  now?: (() => number) | undefined;
  sleep?: ((ms: number, signal: AbortSignal | undefined) => Promise<void>) | undefined;
}

function seconds(ms: number): string {
  return ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 6000) / 10} min`;
}

/**
 * How one polling loop (`jobs.follow`, `jobs.wait`, `files.waitForProcessing`) lives with a
 * failing API. Each poll has had the client's own retries already; what still fails and is
 * retryable (network, timeout, 408, 409, 429, ≥ 500 — `classifyFailure`) is waited out with a
 * growing pause, each logged as a warning, as long as the failures in a row have lasted less
 * than `maxOutage` (default 15 minutes; 30 seconds until the server has answered once). Then
 * the last error is thrown, saying how long it was tried. Any other error is thrown at once.
 */
export class Patience {
  readonly #options: PatienceOptions;
  readonly #now: () => number;
  /** Whether the server has answered at all (a poll succeeded, or any HTTP status came back). */
  #reached = false;
  #outageStarted: number | undefined;
  #failures = 0;

  constructor(options: PatienceOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
    const maxOutage = options.maxOutage ?? DEFAULT_MAX_OUTAGE_MS;
    if (!Number.isFinite(maxOutage) || maxOutage < 0) {
      throw new RangeError(`Invalid maxOutage ${maxOutage}: expected milliseconds ≥ 0.`);
    }
  }

  /** Runs one poll until it succeeds, waiting out failures within the window. */
  async run<T>(poll: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        const result = await poll();
        this.#reached = true;
        this.#outageStarted = undefined;
        this.#failures = 0;
        return result;
      } catch (error) {
        // An HTTP answer, even an error status, means the server is there.
        if (error instanceof APIError) this.#reached = true;
        await this.#waitOut(error);
      }
    }
  }

  /** The window that applies now. */
  get #limit(): number {
    const maxOutage = this.#options.maxOutage ?? DEFAULT_MAX_OUTAGE_MS;
    return this.#reached ? maxOutage : Math.min(maxOutage, FIRST_CONTACT_MAX_OUTAGE_MS);
  }

  async #waitOut(error: unknown): Promise<void> {
    if (!classifyFailure(error).retryable) throw error;
    const now = this.#now();
    this.#outageStarted ??= now;
    this.#failures += 1;
    const wait = failureBackoffMs(this.#failures, error, this.#options.baseMs);
    const lasted = now - this.#outageStarted;
    if (lasted + wait > this.#limit) throw this.#gaveUp(error as Error, lasted);
    this.#options.logger.warn(
      `${this.#options.label}: ${(error as Error).message}; polling again in ${wait} ms (failure ${this.#failures})`,
    );
    await (this.#options.sleep ?? sleep)(wait, this.#options.signal);
  }

  /** The last error, saying that polling gave up and after how long. */
  #gaveUp(error: Error, lasted: number): Error {
    const { label } = this.#options;
    const what = this.#reached
      ? `the API kept failing for ${seconds(lasted)} (${this.#failures} polls)`
      : `never reached the API (${this.#failures} polls over ${seconds(lasted)}) — check the base URL and the network`;
    const note = `${label}: ${what}; gave up after the maxOutage window of ${seconds(this.#limit)}.`;
    if (error instanceof APIError) return withNote(error, note);
    if (error instanceof APIConnectionError) {
      const target =
        error.method && error.url ? { method: error.method, url: error.url } : undefined;
      return new APIConnectionError(`${error.message} — ${note}`, target, { cause: error });
    }
    return error;
  }
}
