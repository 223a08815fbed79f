import type { EvalProgress } from './options.ts';
import { resultKey, type ScoredResult } from './report/build.ts';
import type { EvalResult, ResultsWriter } from './results-file.ts';
import type { Score } from './scorers/scorer.ts';

/** What one run did, counted as it goes (the report's `run` section). */
export interface RunCounts {
  /** Stored answers used again. */
  reused: number;
  /** Answer requests sent. */
  sent: number;
  /** Grading requests sent. */
  grading: number;
  /** Answer requests that failed after the client's retries. */
  errors: number;
  /** Requests answered, failed or reused. */
  done: number;
}

/**
 * The recording of one run: each result is appended to the results file (when it is new),
 * kept for the report (the latest per example and candidate), counted, and announced to
 * `onProgress`.
 */
export class Recorder {
  /** The result per example and candidate (see `resultKey`). */
  readonly results = new Map<string, ScoredResult>();
  readonly counts: RunCounts = { reused: 0, sent: 0, grading: 0, errors: 0, done: 0 };
  readonly #writer: ResultsWriter | null;
  readonly #total: number;
  readonly #onProgress: ((progress: EvalProgress) => unknown) | undefined;
  readonly #spentUsd: () => string | null;

  constructor(options: {
    writer: ResultsWriter | null;
    /** Requests in all: examples × candidates. */
    total: number;
    onProgress: ((progress: EvalProgress) => unknown) | undefined;
    spentUsd: () => string | null;
  }) {
    this.#writer = options.writer;
    this.#total = options.total;
    this.#onProgress = options.onProgress;
    this.#spentUsd = options.spentUsd;
  }

  /** A stored failure stays in the report until it is asked again (and answered). */
  keepStoredFailure(result: EvalResult): void {
    this.results.set(resultKey(result.line, result.candidate), { result, scores: {} });
  }

  /** Records one result; `save` appends it to the results file. */
  async record(
    result: EvalResult,
    scores: Record<string, Score | null>,
    save: boolean,
  ): Promise<void> {
    if (save) await this.#writer?.append(result);
    this.results.set(resultKey(result.line, result.candidate), { result, scores });
    this.counts.done++;
    this.#onProgress?.({
      total: this.#total,
      done: this.counts.done,
      reused: this.counts.reused,
      errors: this.counts.errors,
      spentUsd: this.#spentUsd(),
    });
  }
}
