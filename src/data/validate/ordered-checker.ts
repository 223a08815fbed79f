import type { BatchResult, BatchSettings } from '../check/batch.ts';
import type { LineBatch } from '../reader/line-batches.ts';
import { type CheckPool, createCheckPool } from './pool.ts';

/** Loaded on first use: with worker threads, this thread never loads the checks. */
async function checkInline(batch: LineBatch, settings: BatchSettings): Promise<BatchResult> {
  const { checkBatch } = await import('../check/batch.ts');
  return checkBatch(batch, settings);
}

export interface OrderedCheckerOptions {
  /** The settings of the next batch (the format is decided by the first batches' lines). */
  settings: () => BatchSettings;
  /** Worker threads to use once `useWorkers()` says so; 0 = always inline. */
  threads: number;
  /** The longest line the reader passes on: the workers' heaps are sized for it. */
  maxLineBytes: number;
  useWorkers: () => boolean;
  /** Receives each batch's result, in file order. */
  onResult: (result: BatchResult, batch: { sourceBytes: number }) => void;
}

/**
 * Checks batches of lines — inline, or on a worker pool for large sources — and hands the
 * results on in file order, so the listed problems read top to bottom. At most `threads × 4`
 * batches are in flight: memory stays bounded however fast the file is read. While the file's
 * format is not known yet, batches go one at a time, so that the first line of a known format
 * decides it for every batch after it.
 */
export class OrderedBatchChecker {
  readonly #options: OrderedCheckerOptions;
  readonly #inFlight: { result: Promise<BatchResult>; sourceBytes: number }[] = [];
  readonly #maxInFlight: number;
  #pool: CheckPool | undefined;
  // Started at most once; a pool that cannot start (no worker support here, say) means
  // checking inline, not failing the validation.
  #poolStarting: Promise<CheckPool | undefined> | undefined;

  constructor(options: OrderedCheckerOptions) {
    this.#options = options;
    this.#maxInFlight = Math.max(2, options.threads * 4);
  }

  /** Starts the worker threads now (they take a moment to load), if they will be used. */
  warmUp(): void {
    if (this.#options.threads > 0 && this.#options.useWorkers()) {
      this.#poolStarting ??= createCheckPool(
        this.#options.threads,
        this.#options.maxLineBytes,
      ).catch(() => undefined);
    }
  }

  /** Sends a batch off; waits when enough are in flight (or while the format is unknown). */
  async add(batch: LineBatch): Promise<void> {
    const settings = this.#options.settings();
    this.warmUp();
    if (!this.#pool && this.#poolStarting) this.#pool = await this.#poolStarting;
    const pool = this.#pool;
    const { sourceBytes } = batch;
    const result = pool ? pool.run(batch, settings) : checkInline(batch, settings);
    // Awaited in order below; this keeps a failure of a later batch from going unhandled
    // while an earlier one is awaited.
    result.catch(() => undefined);
    this.#inFlight.push({ result, sourceBytes });
    if (settings.format === undefined) await this.#drain();
    while (this.#inFlight.length >= this.#maxInFlight) await this.#collectOldest();
  }

  /** Checks what is left and stops the workers. */
  async finish(): Promise<void> {
    try {
      await this.#drain();
    } finally {
      await this.close();
    }
  }

  /** Stops the workers without waiting for the batches in flight (after a read error). */
  async close(): Promise<void> {
    const pool = this.#pool ?? (await this.#poolStarting);
    this.#pool = undefined;
    this.#poolStarting = undefined;
    await pool?.close();
  }

  async #drain(): Promise<void> {
    while (this.#inFlight.length > 0) await this.#collectOldest();
  }

  async #collectOldest(): Promise<void> {
    const oldest = this.#inFlight.shift();
    if (!oldest) return;
    this.#options.onResult(await oldest.result, oldest);
  }
}
