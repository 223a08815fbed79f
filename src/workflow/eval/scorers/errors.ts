import { TuneKitError } from '../../../core/errors/tunekit-error.ts';

/**
 * A scorer could not judge one answer (its grading model failed or answered in a shape it
 * could not read). The answer is reported as not scored, not as failed. Throw it from a
 * scorer of your own for the same effect.
 *
 * @example
 * const grammar = scorers.custom('grammar', async ({ output }) => {
 *   const response = await fetch(checkerUrl, { method: 'POST', body: output.content ?? '' });
 *   if (!response.ok) throw new ScoreUnavailableError(`the checker answered ${response.status}`);
 *   return (await response.json()).errors === 0;
 * });
 * // report.candidates[0].scores.grammar.unscored counts the answers it could not judge
 */
export class ScoreUnavailableError extends TuneKitError {
  override name = 'ScoreUnavailableError';
}

/**
 * A scorer threw while judging an answer: a bug in the scorer, so the evaluation stops.
 *
 * @example
 * const ok = scorers.custom('ok', ({ output }) => JSON.parse(output.content ?? '').ok === true);
 * await runEval(client, { ...options, scorers: [ok] }).catch((error) => {
 *   // An answer that is not JSON makes JSON.parse throw: the run stops, naming scorer and line.
 *   if (error instanceof ScorerError) console.error(error.scorer, error.line, error.cause);
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
