import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/data/catalog/catalog.ts';
import { autoEpochs, billableTokensPerEpoch, estimateTrainingCost } from '../../src/data/cost.ts';
import { costOfTokens, formatUsd, parseUsd } from '../../src/data/money.ts';

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

describe('money', () => {
  it('parses and prints dollar amounts exactly', () => {
    expect(parseUsd('0.40')).toBe(400_000n);
    expect(parseUsd('25')).toBe(25_000_000n);
    expect(formatUsd(2_400_000n)).toBe('2.40');
    expect(formatUsd(1_234n)).toBe('0.001234');
    expect(formatUsd(0n)).toBe('0.00');
    expect(() => parseUsd('1e3')).toThrow(RangeError);
  });

  it('has no floating-point drift: 0.1 + 0.2 style sums stay exact', () => {
    expect(formatUsd(costOfTokens(3_000_000, '0.10') + costOfTokens(3_000_000, '0.20'))).toBe(
      '0.90',
    );
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
