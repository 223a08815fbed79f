import { TuneKitError } from '../../../core/errors/tunekit-error.ts';

/**
 * A scorer could not judge one answer (its grading model failed or answered in a shape it
 * could not read). The answer is reported as not scored, not as failed.
 */
export class ScoreUnavailableError extends TuneKitError {
  override name = 'ScoreUnavailableError';
}

/** A scorer threw while judging an answer: a bug in the scorer, so the evaluation stops. */
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
