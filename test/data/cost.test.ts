import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/data/catalog/catalog.ts';
import { autoEpochs, billableTokensPerEpoch, estimateTrainingCost } from '../../src/data/cost.ts';

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
