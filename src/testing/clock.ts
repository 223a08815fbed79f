/**
 * How the fake's time moves:
 * - `instant` (default): time is real time, and jobs take no waiting: each request first brings
 *   every job to its end. A job is `validating_files` in the create response and finished on the
 *   next request, its phases stamped with plausible durations (`timings`), after which the clock
 *   skips ahead to the job's end, so nothing the fake shows lies in its future;
 * - `manual`: time stands still and moves only with `fake.advance(ms)` (`fake.runJob(id)` moves
 *   one job without moving time);
 * - `{ speed }`: real time, `speed` times faster (`speed: 60` turns a simulated minute into a
 *   real second), for demos and a CLI-driven fake server.
 */
export type ClockMode = 'instant' | 'manual' | { speed: number };

/** How many simulated milliseconds pass per real one in each mode. */
function speedOf(mode: ClockMode): number {
  if (typeof mode === 'object') return mode.speed;
  return mode === 'manual' ? 0 : 1;
}

/** Simulated time in milliseconds since the epoch, read lazily: nothing runs on a timer. */
export class Clock {
  readonly mode: ClockMode;
  readonly #speed: number;
  readonly #start: number;
  readonly #realStart: number;
  #offset = 0;

  constructor(mode: ClockMode, start: number) {
    if (typeof mode === 'object' && !(Number.isFinite(mode.speed) && mode.speed > 0)) {
      throw new RangeError(`Invalid clock speed ${mode.speed}: expected a positive number.`);
    }
    this.mode = mode;
    this.#speed = speedOf(mode);
    this.#start = start;
    this.#realStart = performance.now();
  }

  /** The current simulated time in milliseconds. */
  now(): number {
    const running = (performance.now() - this.#realStart) * this.#speed;
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

  /** Moves time forward to `ms` if it is not there yet (never back). */
  skipTo(ms: number): void {
    const behind = ms - this.now();
    if (behind > 0) this.#offset += behind;
  }
}
