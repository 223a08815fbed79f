import { picoFromUsd, usdFromPico } from '../../data/money.ts';
import type { PromptExample } from '../../data/prompt/read-examples.ts';
import type { ChatCompletion } from '../../schemas/chat-completion.ts';
import type { ChatCompletionCreateParamsNonStreaming } from '../../schemas/chat-params.ts';
import { BudgetExhaustedError } from './budget.ts';
import { isFatalEvalError } from './fatal.ts';
import type { EvalResult } from './results-file.ts';
import { ScorerError, ScoreUnavailableError } from './scorers/errors.ts';
import type { Score, Scorer } from './scorers/scorer.ts';

/** The scores of one answer, what grading it cost, and an error that must stop the run. */
export interface Judgement {
  scores: Record<string, Score | null>;
  grading: EvalResult['grading'];
  /** A fatal error met while scoring (the scores so far are kept); undefined when none. */
  stopWith: unknown;
}

/** How scorers send their grading requests: on the run's meter, counted. */
export type GradingRequest = (
  params: ChatCompletionCreateParamsNonStreaming,
) => Promise<{ completion: ChatCompletion; cost: bigint | null }>;

/** Grading requests and their cost, on top of what a stored result had already spent. */
class GradingTally {
  requests: number;
  #pico = 0n;
  #known: boolean;
  readonly #storedUsd: string | null;

  constructor(stored: EvalResult['grading']) {
    this.requests = stored.requests;
    this.#known = stored.costUsd !== null;
    this.#storedUsd = stored.costUsd;
  }

  add(cost: bigint | null): void {
    if (cost === null) this.#known = false;
    else this.#pico += cost;
  }

  total(): EvalResult['grading'] {
    const stored = this.#storedUsd === null ? 0n : picoFromUsd(this.#storedUsd);
    return {
      requests: this.requests,
      costUsd: this.#known ? usdFromPico(stored + this.#pico) : null,
    };
  }
}

/**
 * Scores an answer with every scorer; grades already stored are kept (a model-graded score is
 * paid for once). Never throws: a scorer that cannot score gives null, one that fails stops
 * the others and comes back as `stopWith` (a fatal API error as it is, anything else as a
 * `ScorerError` naming the scorer and the line).
 */
export async function judge(
  result: EvalResult,
  example: PromptExample,
  scorers: readonly Scorer[],
  grade: GradingRequest,
  signal: AbortSignal,
): Promise<Judgement> {
  const scores: Record<string, Score | null> = {};
  const tally = new GradingTally(result.grading);
  const complete = async (params: ChatCompletionCreateParamsNonStreaming) => {
    tally.requests++;
    const { completion, cost } = await grade(params);
    tally.add(cost);
    return completion;
  };
  let stopWith: unknown;
  for (const scorer of scorers) {
    const kept = result.scores[scorer.name];
    if (scorer.kind === 'model-graded' && kept) {
      scores[scorer.name] = kept;
      continue;
    }
    if (stopWith !== undefined || !result.output) {
      scores[scorer.name] = null;
      continue;
    }
    try {
      scores[scorer.name] = await scorer.score({
        output: result.output,
        reference: example.reference,
        example,
        candidate: { name: result.candidate, model: result.model },
        complete,
        signal,
      });
    } catch (error) {
      scores[scorer.name] = null;
      if (error instanceof ScoreUnavailableError || error instanceof BudgetExhaustedError) continue;
      stopWith = isFatalEvalError(error)
        ? error
        : new ScorerError(scorer.name, example.line, error);
    }
  }
  return { scores, grading: tally.total(), stopWith };
}
