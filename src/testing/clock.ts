/**
 * How the fake's time moves:
 * - `instant` (default): jobs take no time; each request first brings every job to its end, so a
 *   job is `validating_files` in the create response and finished on the next request;
 * - `manual`: time moves only with `fake.advance(ms)` (and `fake.runJob(id)` moves one job);
 * - `{ speed }`: real time, `speed` times faster (`speed: 60` turns a simulated minute into a
 *   real second), for demos and a CLI-driven fake server.
 */
export type ClockMode = 'instant' | 'manual' | { speed: number };

/** Simulated time in milliseconds since the epoch, read lazily: nothing runs on a timer. */
export class Clock {
  readonly mode: ClockMode;
  readonly #start: number;
  readonly #realStart: number;
  #offset = 0;

  constructor(mode: ClockMode, start: number) {
    if (typeof mode === 'object' && !(Number.isFinite(mode.speed) && mode.speed > 0)) {
      throw new RangeError(`Invalid clock speed ${mode.speed}: expected a positive number.`);
    }
    this.mode = mode;
    this.#start = start;
    this.#realStart = performance.now();
  }

  /** The current simulated time in milliseconds. */
  now(): number {
    const running =
      typeof this.mode === 'object' ? (performance.now() - this.#realStart) * this.mode.speed : 0;
    return Math.floor(this.#start + this.#offset + running);
  }

  /** The current simulated time in whole seconds, as the API's `created_at` fields. */
  seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Moves time forward by `ms` (in every mode). */
  advance(ms: number): void {
    if (!(Number.isFinite(ms) && ms >= 0)) {
      throw new RangeError(`Cannot advance the clock by ${ms} ms: expected a number ≥ 0.`);
    }
    this.#offset += ms;
  }
}
