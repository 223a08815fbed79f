/**
 * The signal of one attempt: aborted by the caller's signal, or by the attempt's own timer,
 * and able to say which. The timer can be disarmed once the headers are in (for a body handed
 * to the caller, which is then guarded read by read) and fired by hand (when such a read
 * stalls).
 */
export class AttemptSignal {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  readonly #timeout = new AbortController();
  readonly #stop: AbortSignal | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(timeoutMs: number, stop: AbortSignal | undefined) {
    this.timeoutMs = timeoutMs;
    this.#stop = stop;
    this.#timer = setTimeout(() => this.#timeout.abort(), timeoutMs);
    // A pending request keeps the process alive through its socket, not through this timer.
    this.#timer.unref();
    this.signal = stop ? AbortSignal.any([stop, this.#timeout.signal]) : this.#timeout.signal;
  }

  /** Whether the caller stopped the request (its signal, or a consumer that stopped reading). */
  get stopped(): boolean {
    return this.#stop?.aborted === true;
  }

  /** Whether the attempt ran out of time (and the caller had not stopped it first). */
  get timedOut(): boolean {
    return this.#timeout.signal.aborted && !this.stopped;
  }

  /** Stops the timer, keeping the signal usable. */
  disarm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Times the attempt out now. */
  fire(): void {
    this.disarm();
    this.#timeout.abort();
  }
}
