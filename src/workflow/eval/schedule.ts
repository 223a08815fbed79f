import pLimit from 'p-limit';

/**
 * Stops a run on its first fatal error: remembers the error, aborts the requests in flight
 * (through {@link RunControl.signal}) and tells the tasks not started yet to skip.
 */
export class RunControl {
  readonly signal: AbortSignal;
  readonly #stop = new AbortController();
  #fatal: unknown;

  constructor(signal: AbortSignal | undefined) {
    this.signal = signal ? AbortSignal.any([signal, this.#stop.signal]) : this.#stop.signal;
  }

  /** The first fatal error, or undefined. */
  get fatal(): unknown {
    return this.#fatal;
  }

  /** Whether a fatal error stopped the run. */
  get stopped(): boolean {
    return this.#fatal !== undefined;
  }

  /** Stops the run with `error` (the first one wins). */
  fail(error: unknown): void {
    this.#fatal ??= error;
    this.#stop.abort();
  }
}

/**
 * Runs the tasks with at most `concurrency` at once and waits for all. A task that throws
 * (the results file could not be written, or a bug) stops the run: what is saved stays saved.
 */
export async function runTasks(
  tasks: ReadonlyArray<() => Promise<void>>,
  concurrency: number,
  control: RunControl,
): Promise<void> {
  const limit = pLimit(concurrency);
  await Promise.all(
    tasks.map((task) =>
      limit(async () => {
        try {
          await task();
        } catch (error) {
          control.fail(error);
        }
      }),
    ),
  );
}
