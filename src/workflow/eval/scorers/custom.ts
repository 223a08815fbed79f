import { passFail, type Score, type ScoreContext, type Scorer } from './scorer.ts';

/** What a custom scoring function may return: pass/fail, a score in [0, 1], or a full score. */
export type CustomScore = boolean | number | Score;

/**
 * A scorer from a function of your own: return `true`/`false`, a number in [0, 1] (it passes
 * at `passAt`, default 0.5), or `{ score, pass, detail }`. It may be async.
 *
 * @example
 * const polite = custom('polite', ({ output }) => /please|thank/i.test(output.content ?? ''));
 * const short = custom('short', ({ output }) => Math.max(0, 1 - (output.content ?? '').length / 500));
 */
export function custom(
  name: string,
  fn: (context: ScoreContext) => CustomScore | Promise<CustomScore>,
  options: { passAt?: number; description?: string } = {},
): Scorer {
  const passAt = options.passAt ?? 0.5;
  return {
    name,
    kind: 'custom',
    description: options.description ?? `your function ${JSON.stringify(name)}`,
    async score(context) {
      const result = await fn(context);
      if (typeof result === 'boolean') return passFail(result);
      const score = typeof result === 'number' ? { score: result, pass: result >= passAt } : result;
      if (!(typeof score.score === 'number' && score.score >= 0 && score.score <= 1)) {
        throw new RangeError(`a score must be a number from 0 to 1, got ${String(score.score)}`);
      }
      return score;
    },
  };
}
