import { type BatchSettings, checkBatch, type LineBatch } from '../check/batch.ts';
import type { LineResult } from '../check/line.ts';
import type { Problem } from '../problems.ts';
import type { ReportCollector } from './collector.ts';
import { type CheckPool, createCheckPool } from './pool.ts';

/** Batches of about this many bytes are checked together (inline or on a worker). */
const BATCH_BYTES = 256 * 1024;
const BATCH_LINES = 2_000;
/** Reader problems held back for ordering before pending batches are drained. */
const MAX_WAITING_PROBLEMS = 10_000;

export interface OrderedCheckerOptions {
  collector: ReportCollector;
  /** The settings of the next batch (the format may be decided after the first lines). */
  settings: () => BatchSettings;
  /** Worker threads to use once `useWorkers()` says so; 0 = always inline. */
  threads: number;
  useWorkers: () => boolean;
  /** Called after each batch is sent off. */
  onBatch?: () => void;
}

/**
 * Checks lines in batches — inline, or on a worker pool for large sources — and hands the
 * results to the collector in file order, merged with the problems the reader found, so the
 * listed problems read top to bottom. At most `threads × 4` batches are in flight: memory stays
 * bounded however fast the file is read.
 */
export class OrderedLineChecker {
  readonly #options: OrderedCheckerOptions;
  readonly #inFlight: Promise<LineResult[]>[] = [];
  readonly #maxInFlight: number;
  readonly #readerProblems: Problem[] = [];
  #pending: { number: number; text: string }[] = [];
  #pendingBytes = 0;
  #pool: CheckPool | undefined;
  // Started at most once; a pool that cannot start (no worker support here, say) means
  // checking inline, not failing the validation.
  #poolStarting: Promise<CheckPool | undefined> | undefined;

  constructor(options: OrderedCheckerOptions) {
    this.#options = options;
    this.#maxInFlight = Math.max(2, options.threads * 4);
  }

  /** Queues a line; sends the batch off when it is full and `mayDispatch` (format known). */
  async addLine(
    line: { number: number; text: string },
    bytes: number,
    mayDispatch: boolean,
  ): Promise<void> {
    this.#pending.push(line);
    this.#pendingBytes += bytes;
    const full = this.#pendingBytes >= BATCH_BYTES || this.#pending.length >= BATCH_LINES;
    if (mayDispatch && full) await this.#dispatch();
  }

  /** Problems the reader found on a line; listed once the lines before it are checked. */
  async addReaderProblems(problems: readonly Problem[], line: number): Promise<void> {
    this.#readerProblems.push(...problems);
    if (this.#readerProblems.length >= MAX_WAITING_PROBLEMS) {
      // A long run of bad lines: check what is pending so the waiting problems can be listed.
      await this.#drain();
      this.#flushReaderProblems(line + 1);
    }
  }

  /** Checks what is left, lists every waiting problem, and stops the workers. */
  async finish(): Promise<void> {
    try {
      await this.#drain();
      this.#flushReaderProblems(Number.POSITIVE_INFINITY);
    } finally {
      await this.#pool?.close();
    }
  }

  async #dispatch(): Promise<void> {
    if (this.#pending.length === 0) return;
    const batch: LineBatch = { settings: this.#options.settings(), lines: this.#pending };
    this.#pending = [];
    this.#pendingBytes = 0;
    if (!this.#pool && this.#options.threads > 0 && this.#options.useWorkers()) {
      this.#poolStarting ??= createCheckPool(this.#options.threads).catch(() => undefined);
      this.#pool = await this.#poolStarting;
    }
    // Should a worker die (out of memory on a giant line, say), check its batch here instead:
    // a crashed thread must not turn bad data into an exception.
    const pool = this.#pool;
    this.#inFlight.push(pool ? pool.run(batch).catch(() => checkBatch(batch)) : checkBatch(batch));
    while (this.#inFlight.length >= this.#maxInFlight) await this.#collectOldest();
    this.#options.onBatch?.();
  }

  async #drain(): Promise<void> {
    await this.#dispatch();
    while (this.#inFlight.length > 0) await this.#collectOldest();
  }

  async #collectOldest(): Promise<void> {
    const results = await (this.#inFlight.shift() as Promise<LineResult[]>);
    for (const result of results) {
      this.#flushReaderProblems(result.line + 1);
      this.#options.collector.addResult(result);
    }
  }

  #flushReaderProblems(beforeLine: number): void {
    const waiting = this.#readerProblems;
    while (waiting.length > 0 && (waiting[0]?.line ?? 0) < beforeLine) {
      this.#options.collector.addLineProblem(waiting.shift() as Problem);
    }
  }
}
