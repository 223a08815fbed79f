import { TuneKitError } from '../../../core/errors/tunekit-error.ts';

/**
 * A scorer could not judge one answer (its grading model failed or answered in a shape it
 * could not read). The answer is reported as not scored, not as failed.
 *
 * @example
 * // In a scorer of your own: this answer cannot be judged; count it as not scored.
 * if (verdict === undefined) throw new ScoreUnavailableError('the grader gave no verdict');
 */
export class ScoreUnavailableError extends TuneKitError {
  override name = 'ScoreUnavailableError';
}

/**
 * A scorer threw while judging an answer: a bug in the scorer, so the evaluation stops.
 *
 * @example
 * const report = await runEval(client, options).catch((error) => {
 *   if (error instanceof ScorerError) console.error(`${error.scorer} broke on line ${error.line}:`, error.cause);
 *   throw error;
 * });
 */
export class ScorerError extends TuneKitError {
  override name = 'ScorerError';
  readonly scorer: string;
  /** The line of the held-out example being scored. */
  readonly line: number;

  constructor(scorer: string, line: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`scorer "${scorer}" failed on example line ${line}: ${reason}`, { cause });
    this.scorer = scorer;
    this.line = line;
  }
}
