import { picoFromUsd, tokensCost, usdFromPico } from '../money.ts';
import { divideRounded, divideUp, percent, ratio } from '../ratio.ts';
import {
  type InferencePrices,
  promptReductionForEqualCost,
  promptReductionForMultiplier,
  type Share,
} from './prompt-reduction.ts';
import type { RequestTokenTotals } from './request-tokens.ts';
import { describeDuration, type Volume } from './volume.ts';

/** What the break-even arithmetic needs: prices, the training bill and sample request tokens. */
export interface BreakEvenInput {
  prices: { base: InferencePrices; fineTuned: InferencePrices };
  /** The training bill in dollars, exactly ("2.40"). */
  trainingUsd: string;
  /** Token totals over the sample requests (one typical request: `count: 1`). */
  requests: RequestTokenTotals;
  /** Requests per period, for period costs and the time to break even. */
  volume?: Volume | undefined;
}

/** The mean cost of one request on one side. */
export interface RequestCost {
  /** Mean prompt tokens per request. */
  inputTokens: number;
  /** Mean answer tokens per request. */
  outputTokens: number;
  /** Mean cost of a request in dollars, exact to the picodollar. */
  usd: string;
}

/** Costs at the given volume, for one period. */
export interface PeriodCosts {
  requests: number;
  per: Volume['per'];
  baseUsd: string;
  fineTunedUsd: string;
  /** Base minus fine-tuned: negative when fine-tuning costs more. */
  savingsUsd: string;
  /** Periods until the savings repay the training (e.g. 0.25 months); null when never. */
  breakEvenPeriods: number | null;
}

/** Does fine-tuning pay off, and when. */
export interface BreakEvenAnalysis {
  trainingUsd: string;
  perRequest: {
    base: RequestCost;
    fineTuned: RequestCost;
    /** Base minus fine-tuned per request: negative when fine-tuning costs more. */
    savingsUsd: string;
  };
  /** Requests after which training has paid for itself; null when fine-tuning never saves. */
  breakEvenRequests: number | null;
  /** Costs per period at the given volume; null without a volume. */
  volume: PeriodCosts | null;
  /** How many times the base model's price the fine-tuned model's is. */
  priceMultiplier: { input: number; output: number };
  promptReduction: {
    /** How much shorter the sample's fine-tuned prompts are than its base prompts. */
    actual: Share;
    /** Needed for a fine-tuned request to cost the same, output included; null: impossible. */
    neededForEqualCost: Share | null;
    /** The seeds' rule of thumb: 1 − 1/(input price multiplier), output left aside. */
    ruleOfThumb: Share;
  };
  paysOff: boolean;
}

const mean = (total: number, count: number) => Math.round((total / count) * 100) / 100;

function multiplier(fine: string, base: string): number {
  const b = picoFromUsd(base);
  return b === 0n ? Number.POSITIVE_INFINITY : ratio(picoFromUsd(fine), b, 4);
}

/**
 * The break-even arithmetic, exact to the picodollar: per-request costs of the base model with
 * its long prompt and of the fine-tuned model with its short one, the number of requests after
 * which the training bill is repaid, the costs per period at a volume, and the prompt reduction
 * needed for equal cost. Pure: no files, no tokenizer.
 *
 * @example
 * const analysis = analyzeBreakEven({
 *   prices: { base: { inputPer1M: '0.15', outputPer1M: '0.60' }, fineTuned: { inputPer1M: '0.30', outputPer1M: '1.20' } },
 *   trainingUsd: '2.40',
 *   requests: { count: 1, baseInputTokens: 1_200, fineTunedInputTokens: 60, outputTokens: 20 },
 *   volume: { requests: 100_000, per: 'month' },
 * });
 * analysis.breakEvenRequests; // 16_000
 */
export function analyzeBreakEven(input: BreakEvenInput): BreakEvenAnalysis {
  const { prices, requests } = input;
  if (!(Number.isInteger(requests.count) && requests.count >= 1)) {
    throw new RangeError(`requests.count must be a whole number ≥ 1, got ${requests.count}`);
  }
  const count = BigInt(requests.count);
  const baseTotal =
    tokensCost(requests.baseInputTokens, prices.base.inputPer1M) +
    tokensCost(requests.outputTokens, prices.base.outputPer1M);
  const fineTotal =
    tokensCost(requests.fineTunedInputTokens, prices.fineTuned.inputPer1M) +
    tokensCost(requests.outputTokens, prices.fineTuned.outputPer1M);
  const savingsTotal = baseTotal - fineTotal;
  const training = picoFromUsd(input.trainingUsd);

  // Break-even: the smallest n with n × (savings per request) ≥ training, all over `count`.
  let breakEvenRequests: number | null = null;
  if (training === 0n) breakEvenRequests = 0;
  else if (savingsTotal > 0n) breakEvenRequests = Number(divideUp(training * count, savingsTotal));

  let volume: PeriodCosts | null = null;
  if (input.volume) {
    const perPeriod = BigInt(input.volume.requests);
    const inPeriod = (total: bigint) => usdFromPico(divideRounded(total * perPeriod, count));
    volume = {
      requests: input.volume.requests,
      per: input.volume.per,
      baseUsd: inPeriod(baseTotal),
      fineTunedUsd: inPeriod(fineTotal),
      savingsUsd: inPeriod(savingsTotal),
      breakEvenPeriods:
        breakEvenRequests === null ? null : ratio(BigInt(breakEvenRequests), perPeriod, 4),
    };
  }

  const meanBaseInput = mean(requests.baseInputTokens, requests.count);
  const meanOutput = mean(requests.outputTokens, requests.count);
  const baseInput = BigInt(requests.baseInputTokens);
  return {
    trainingUsd: usdFromPico(training),
    perRequest: {
      base: {
        inputTokens: meanBaseInput,
        outputTokens: meanOutput,
        usd: usdFromPico(divideRounded(baseTotal, count)),
      },
      fineTuned: {
        inputTokens: mean(requests.fineTunedInputTokens, requests.count),
        outputTokens: meanOutput,
        usd: usdFromPico(divideRounded(fineTotal, count)),
      },
      savingsUsd: usdFromPico(divideRounded(savingsTotal, count)),
    },
    breakEvenRequests,
    volume,
    priceMultiplier: {
      input: multiplier(prices.fineTuned.inputPer1M, prices.base.inputPer1M),
      output: multiplier(prices.fineTuned.outputPer1M, prices.base.outputPer1M),
    },
    promptReduction: {
      actual:
        baseInput === 0n
          ? { value: 0, text: '0%' }
          : {
              value: ratio(baseInput - BigInt(requests.fineTunedInputTokens), baseInput),
              text: percent(baseInput - BigInt(requests.fineTunedInputTokens), baseInput),
            },
      // Over the totals: the same as for the mean request, without rounding the mean.
      neededForEqualCost: promptReductionForEqualCost(
        { inputTokens: requests.baseInputTokens, outputTokens: requests.outputTokens },
        prices.base,
        prices.fineTuned,
      ),
      ruleOfThumb: promptReductionForMultiplier(prices.base, prices.fineTuned),
    },
    paysOff: breakEvenRequests !== null,
  };
}

/**
 * The one-line verdict of an analysis, in plain words.
 *
 * @example
 * breakEvenVerdict(analysis, 'gpt-4o-mini-2024-07-18');
 * // 'Fine-tuning pays off after 16,000 requests (about 5 days at 100,000 requests/month): …'
 */
export function breakEvenVerdict(analysis: BreakEvenAnalysis, model: string): string {
  const savings = analysis.perRequest.savingsUsd;
  if (analysis.breakEvenRequests !== null) {
    const n = analysis.breakEvenRequests.toLocaleString('en-US');
    const when = analysis.volume
      ? ` (${describeDuration(analysis.breakEvenRequests, analysis.volume)} at ${analysis.volume.requests.toLocaleString('en-US')} requests/${analysis.volume.per})`
      : '';
    return `Fine-tuning pays off after ${n} requests${when}: each request saves $${savings} against ${model} with the long prompt.`;
  }
  const more = savings.startsWith('-') ? savings.slice(1) : savings;
  const needed = analysis.promptReduction.neededForEqualCost;
  const why =
    needed === null
      ? 'even an empty prompt would not help: its output tokens alone cost more than the whole base request'
      : `its prompt would have to be ${needed.text} shorter than the base prompt for equal cost, not ${analysis.promptReduction.actual.text}`;
  return `Fine-tuning does not pay off on cost: each request costs $${more} more on the fine-tuned model (${why}). Fine-tune only if it answers better (measure it with tunekit eval).`;
}
