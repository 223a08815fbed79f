import type { ReferenceAnswer, ToolCallAnswer } from '../../../data/prompt/prompt.ts';
import type { PromptExample } from '../../../data/prompt/read-examples.ts';
import type { ChatCompletion } from '../../../schemas/chat-completion.ts';
import type { ChatCompletionCreateParamsNonStreaming } from '../../../schemas/chat-params.ts';

/** What a model answered. */
export interface ModelOutput {
  content: string | null;
  toolCalls: ToolCallAnswer[];
  finishReason: string | null;
}

/** One scorer's judgment of one answer: a score in [0, 1] and whether it passes. */
export interface Score {
  score: number;
  pass: boolean;
  /** Why, in a few words (shown for disagreements and failures). */
  detail?: string | undefined;
}

/** Everything a scorer may look at. */
export interface ScoreContext {
  output: ModelOutput;
  /** The example's expected answer. */
  reference: ReferenceAnswer;
  /** The held-out example (line, prompt, the parsed line itself). */
  example: PromptExample;
  candidate: { name: string; model: string };
  /**
   * Sends a chat request on the evaluation's account: counted against its request budget and
   * cost cap, retried like every request. For model-graded scorers.
   */
  complete(params: ChatCompletionCreateParamsNonStreaming): Promise<ChatCompletion>;
  signal: AbortSignal;
}

/**
 * How a scorer judges: against the reference answer, the answer's format alone, a function of
 * the user's, or another model's judgment (reported as such: it is an opinion, not a check).
 */
export type ScorerKind = 'reference' | 'format' | 'custom' | 'model-graded';

/** Judges answers. Build one with `scorers.*` or write your own. */
export interface Scorer {
  /** Unique within an evaluation; names the score in reports. */
  name: string;
  kind: ScorerKind;
  /** One line saying what passes. */
  description: string;
  /** For model-graded scorers: the grading model. */
  grader?: string | undefined;
  score(context: ScoreContext): Score | Promise<Score>;
}

/** A pass/fail score. */
export const passFail = (pass: boolean, detail?: string): Score => ({
  score: pass ? 1 : 0,
  pass,
  ...(detail === undefined ? {} : { detail }),
});
