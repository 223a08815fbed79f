import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../../src/data/catalog/catalog-file.ts';
import { tokensCost, usdFromPico } from '../../../src/data/money.ts';
import { analyzeBreakEven } from '../../../src/data/roi/break-even.ts';
import { estimateFineTuningRoi } from '../../../src/data/roi/estimate.ts';
import { roiPrices } from '../../../src/data/roi/prices.ts';
import {
  promptReductionForEqualCost,
  promptReductionForMultiplier,
} from '../../../src/data/roi/prompt-reduction.ts';

/** The 2023 prices the seeds argue with, as a catalog override (shipped for the docs). */
const PRICES_2023 = fileURLToPath(
  new URL('../../../examples/data/prices-2023.json', import.meta.url),
);
const catalog = await loadCatalogFile(PRICES_2023);
const prices = roiPrices('gpt-3.5-turbo-2023', catalog);

describe("the seeds' figures, exactly", () => {
  it('reads the 2023 prices: training $0.008/1K, fine-tuned $0.012/1K in and $0.016/1K out', () => {
    expect(prices).toMatchObject({
      model: 'gpt-3.5-turbo-0613',
      training: { unit: '1M tokens', usd: '8', asOf: '2023-08-22' },
      base: { inputPer1M: '1.50', outputPer1M: '2.00', asOf: '2023-06-13' },
      fineTuned: { inputPer1M: '12.00', outputPer1M: '16.00', asOf: '2023-08-22' },
    });
  });

  it('16 × ($0.012 × 4 + $0.016) = $1.024: sixteen 4K-in, 1K-out requests to the fine-tuned model', () => {
    const oneRequest =
      tokensCost(4_000, prices.fineTuned.inputPer1M) +
      tokensCost(1_000, prices.fineTuned.outputPer1M);
    expect(usdFromPico(oneRequest)).toBe('0.064');
    expect(usdFromPico(16n * oneRequest)).toBe('1.024');
    // The same through the break-even arithmetic, at a volume of 16 requests.
    const analysis = analyzeBreakEven({
      prices,
      trainingUsd: '0',
      requests: {
        count: 1,
        baseInputTokens: 4_000,
        fineTunedInputTokens: 4_000,
        outputTokens: 1_000,
      },
      volume: { requests: 16, per: 'month' },
    });
    expect(analysis.perRequest.fineTuned.usd).toBe('0.064');
    expect(analysis.volume?.fineTunedUsd).toBe('1.024');
    // The base model with the same prompt: 16 × ($0.0015 × 4 + $0.002) = $0.128, an eighth.
    expect(analysis.volume?.baseUsd).toBe('0.128');
  });

  it('100k tokens × 3 epochs × $0.008/1K = $2.40', async () => {
    const roi = await estimateFineTuningRoi({
      model: 'gpt-3.5-turbo-2023',
      catalog,
      training: { tokensPerEpoch: 100_000, examples: 1_000, epochs: 3 },
      requests: { baseInputTokens: 4_000, fineTunedInputTokens: 400, outputTokens: 0 },
    });
    expect(roi.training.usd).toBe('2.40');
    expect(roi.training.estimate).toMatchObject({
      trainedTokens: 300_000,
      epochs: 3,
      autoEpochs: false,
    });
  });

  it('the 8× multiplier ⇒ a prompt must shrink by 87.5 % for equal cost', () => {
    expect(promptReductionForMultiplier(prices.base, prices.fineTuned)).toEqual({
      value: 0.875,
      text: '87.5%',
    });
    expect(
      promptReductionForEqualCost(
        { inputTokens: 4_000, outputTokens: 0 },
        prices.base,
        prices.fineTuned,
      ),
    ).toEqual({ value: 0.875, text: '87.5%' });
    const analysis = analyzeBreakEven({
      prices,
      trainingUsd: '2.40',
      requests: { count: 1, baseInputTokens: 4_000, fineTunedInputTokens: 500, outputTokens: 0 },
    });
    expect(analysis.priceMultiplier).toEqual({ input: 8, output: 8 });
    expect(analysis.promptReduction.ruleOfThumb.text).toBe('87.5%');
    // Exactly 87.5 % shorter is exactly equal cost: no saving, so training is never repaid.
    expect(analysis.perRequest.savingsUsd).toBe('0.00');
    expect(analysis.breakEvenRequests).toBeNull();
  });

  it('with the answer counted too, no prompt cut pays off at 2023 prices (1K output tokens)', () => {
    // The fine-tuned output alone (1,000 × $16/1M = $0.016) costs more than the whole base
    // request (4,000 × $1.50/1M + 1,000 × $2/1M = $0.008).
    expect(
      promptReductionForEqualCost(
        { inputTokens: 4_000, outputTokens: 1_000 },
        prices.base,
        prices.fineTuned,
      ),
    ).toBeNull();
  });
});
