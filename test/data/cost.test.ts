import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/data/catalog/catalog.ts';
import {
  autoEpochs,
  billableTokensPerEpoch,
  estimateTrainingCost,
  trainingCostOf,
} from '../../src/data/cost.ts';
import { validateTrainingFile } from '../../src/data/validate/validate.ts';
import { chatLines } from '../support/training-data.ts';

describe('autoEpochs (the documented heuristic)', () => {
  it.each([
    [1, 25],
    [4, 25],
    [5, 20],
    [7, 15],
    [10, 10],
    [26, 4],
    [33, 4],
    [34, 3],
    [1_000, 3],
    [8_333, 3],
    [8_334, 2],
    [12_500, 2],
    [12_501, 1],
    [1_000_000, 1],
  ])('%i examples → %i epochs', (examples, epochs) => {
    expect(autoEpochs(examples)).toBe(epochs);
  });
});

describe('estimateTrainingCost', () => {
  const model = (name: string) => {
    const entry = defaultCatalog.find(name);
    if (!entry) throw new Error(`no ${name}`);
    return entry;
  };

  it('prices the worked example exactly: 100,000 tokens × 3 epochs at $8/1M = $2.40', () => {
    const estimate = estimateTrainingCost({
      model: model('gpt-3.5-turbo'),
      tokensPerEpoch: 100_000,
      examples: 1_000,
      epochs: 3,
    });
    expect(estimate).toMatchObject({
      usd: '2.40',
      trainedTokens: 300_000,
      epochs: 3,
      autoEpochs: false,
      usdPer1M: '8',
    });
  });

  it('uses auto epochs when none are given', () => {
    const estimate = estimateTrainingCost({
      model: model('gpt-4o-mini'),
      tokensPerEpoch: 1_000,
      examples: 10,
    });
    expect(estimate).toMatchObject({
      epochs: 10,
      autoEpochs: true,
      trainedTokens: 10_000,
      usd: '0.03',
    });
  });

  it('says why there is no dollar figure for hourly billed models', () => {
    const estimate = estimateTrainingCost({
      model: model('o4-mini'),
      tokensPerEpoch: 1_000,
      examples: 100,
      epochs: 1,
    });
    expect(estimate.usd).toBeNull();
    expect(estimate.note).toMatch(/per hour/);
  });

  it('counts Together’s one default epoch, invents no price, and says the tokens are estimates', () => {
    const llama = model('meta-llama/Meta-Llama-3.1-8B-Instruct-Reference');
    const byDefault = estimateTrainingCost({ model: llama, tokensPerEpoch: 1_000, examples: 10 });
    expect(byDefault).toMatchObject({
      epochs: 1,
      autoEpochs: false,
      trainedTokens: 1_000,
      usd: null,
      usdPer1M: null,
      tokensExact: false,
    });
    expect(byDefault.note).toMatch(/could not be confirmed/);
    expect(byDefault.note).toMatch(/token counts are estimates \(Llama 3/);
    expect(
      estimateTrainingCost({ model: llama, tokensPerEpoch: 1_000, examples: 10, epochs: 3 }),
    ).toMatchObject({ epochs: 3, trainedTokens: 3_000 });
    // OpenAI's models count with their own tokenizer.
    expect(
      estimateTrainingCost({ model: model('gpt-4o-mini'), tokensPerEpoch: 1, examples: 10 })
        .tokensExact,
    ).toBe(true);
  });

  it('rejects epochs that are not a whole number of at least one', () => {
    const gpt35 = model('gpt-3.5-turbo');
    expect(() =>
      estimateTrainingCost({ model: gpt35, tokensPerEpoch: 1, examples: 1, epochs: 0 }),
    ).toThrow(RangeError);
    expect(() =>
      estimateTrainingCost({ model: gpt35, tokensPerEpoch: 1, examples: 1, epochs: 2.5 }),
    ).toThrow(RangeError);
  });

  it('bills each example up to the per-example limit', () => {
    expect(billableTokensPerEpoch([10, 70_000, 65_536], 65_536)).toBe(10 + 65_536 + 65_536);
    expect(billableTokensPerEpoch([10, 70_000], null)).toBe(70_010);
  });
});

describe('trainingCostOf (the one bill from counted data)', () => {
  const entry = (name: string) => {
    const found = defaultCatalog.find(name);
    if (!found) throw new Error(`no ${name}`);
    return found;
  };

  it('prices counted data: the seeds’ $2.40, and auto epochs from the examples', () => {
    const counts = { billableTokensPerEpoch: 100_000, examples: 1_000 };
    expect(trainingCostOf(counts, entry('gpt-3.5-turbo'), 3)).toMatchObject({
      usd: '2.40',
      trainedTokens: 300_000,
    });
    expect(
      trainingCostOf({ billableTokensPerEpoch: 1_000, examples: 10 }, entry('gpt-4o-mini')),
    ).toMatchObject({ epochs: 10, autoEpochs: true, usd: '0.03' });
  });

  it('rounds the bill half up to the micro-dollar, as estimates always did', () => {
    // 1,001 tokens × 1 epoch at $1.50/1M is exactly $0.0015015.
    const nano = entry('gpt-4.1-nano');
    expect(nano.training).toMatchObject({ usd: '1.50' });
    const estimate = trainingCostOf({ billableTokensPerEpoch: 1_001, examples: 1 }, nano, 1);
    expect(estimate.usd).toBe('0.001502');
  });

  it("is the validator's own: a report's cost is trainingCostOf(report.stats) with auto epochs", async () => {
    const report = await validateTrainingFile(
      { text: chatLines(12) },
      { model: 'gpt-4o-mini-2024-07-18' },
    );
    expect(report.cost).not.toBeNull();
    expect(report.cost).toEqual(trainingCostOf(report.stats, entry('gpt-4o-mini')));
    expect(report.cost?.epochs).toBe(9);
  });
});
