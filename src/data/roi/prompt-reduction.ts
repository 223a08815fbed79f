import { picoFromUsd, tokensCost } from '../money.ts';
import { percent, ratio } from '../ratio.ts';

/** Input and output prices per million tokens, as decimal strings. */
export interface InferencePrices {
  inputPer1M: string;
  outputPer1M: string;
}

/** A share (0.875) with its exact percentage text ('87.5%'). */
export interface Share {
  value: number;
  text: string;
}

/**
 * The rule of thumb of the seeds: when a fine-tuned model costs `m` times the base model per
 * input token, its prompt must be `1 − 1/m` shorter for a request to cost the same (output
 * tokens left aside). 8× ⇒ 87.5 %.
 *
 * @example
 * promptReductionForMultiplier({ inputPer1M: '1.50', outputPer1M: '2' }, { inputPer1M: '12', outputPer1M: '16' });
 * // { value: 0.875, text: '87.5%' }
 */
export function promptReductionForMultiplier(
  base: InferencePrices,
  fineTuned: InferencePrices,
): Share {
  const baseIn = picoFromUsd(base.inputPer1M);
  const fineIn = picoFromUsd(fineTuned.inputPer1M);
  if (fineIn === 0n) return { value: 0, text: '0%' };
  return { value: ratio(fineIn - baseIn, fineIn), text: percent(fineIn - baseIn, fineIn) };
}

/**
 * How much shorter the fine-tuned model's prompt must be than the base model's (`inputTokens`)
 * for a request with `outputTokens` of answer to cost the same, output included; null when it
 * cannot: the fine-tuned model's output alone costs more than the whole base request. Zero
 * when no reduction is needed.
 *
 * @example
 * // 2023 prices: 4,000 prompt tokens and no output must shrink by 87.5 %…
 * promptReductionForEqualCost({ inputTokens: 4_000, outputTokens: 0 }, base2023, fineTuned2023)?.text; // '87.5%'
 * // …and with 1,000 output tokens no prompt is short enough.
 * promptReductionForEqualCost({ inputTokens: 4_000, outputTokens: 1_000 }, base2023, fineTuned2023); // null
 */
export function promptReductionForEqualCost(
  tokens: { inputTokens: number; outputTokens: number },
  base: InferencePrices,
  fineTuned: InferencePrices,
): Share | null {
  const baseCost =
    tokensCost(tokens.inputTokens, base.inputPer1M) +
    tokensCost(tokens.outputTokens, base.outputPer1M);
  // What is left of the base request's cost for the fine-tuned prompt, after its output.
  const left = baseCost - tokensCost(tokens.outputTokens, fineTuned.outputPer1M);
  if (left < 0n) return null;
  const fullPrompt = tokensCost(tokens.inputTokens, fineTuned.inputPer1M);
  if (fullPrompt === 0n || left >= fullPrompt) return { value: 0, text: '0%' };
  // Reduction = 1 − (tokens affordable) / inputTokens = (fullPrompt − left) / fullPrompt.
  return {
    value: ratio(fullPrompt - left, fullPrompt),
    text: percent(fullPrompt - left, fullPrompt),
  };
}
