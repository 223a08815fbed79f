import { describe, expect, it } from 'vitest';
import { createModelCatalog, defaultCatalog } from '../../../src/data/catalog/catalog.ts';

describe('model catalog', () => {
  it('finds models by id, alias and fine-tuned name', () => {
    expect(defaultCatalog.find('gpt-4o-mini')?.id).toBe('gpt-4o-mini-2024-07-18');
    expect(defaultCatalog.find('gpt-4o-mini-2024-07-18')?.encoding).toBe('o200k_base');
    expect(
      defaultCatalog.find('ft:gpt-3.5-turbo-0125:acme::abc123')?.maxTokensPerExample?.value,
    ).toBe(16_385);
    expect(defaultCatalog.find('gpt-5-ultra')).toBeUndefined();
  });

  it('holds the issue values with their provenance and shutdown dates', () => {
    const training = Object.fromEntries(defaultCatalog.entries.map((e) => [e.id, e.training?.usd]));
    expect(training).toMatchObject({
      'gpt-4o-2024-08-06': '25',
      'gpt-4o-mini-2024-07-18': '3',
      'gpt-3.5-turbo-0125': '8',
      'davinci-002': '6',
      'babbage-002': '0.40',
      'gpt-4.1-2025-04-14': '25',
      'gpt-4.1-mini-2025-04-14': '5',
      'gpt-4.1-nano-2025-04-14': '1.50',
    });
    expect(defaultCatalog.find('gpt-3.5-turbo-0613')?.maxTokensPerExample?.value).toBe(4_096);
    expect(defaultCatalog.find('gpt-4.1')?.shutdownDate?.value).toBe('2027-01-14');
    expect(defaultCatalog.find('o4-mini')?.shutdownDate?.value).toBe('2026-10-23');
    for (const entry of defaultCatalog.entries) {
      if (entry.training) expect(entry.training.source.length).toBeGreaterThan(0);
      expect(['openai', 'together']).toContain(entry.provider);
    }
  });

  it('knows Together AI’s models without inventing prices, and says which counts are estimates', () => {
    const together = defaultCatalog.entries.filter((entry) => entry.provider === 'together');
    expect(together.length).toBeGreaterThanOrEqual(10);
    for (const entry of together) {
      // No confirmed per-token rate: null, with the reason a cost estimate will show.
      expect(entry.training).toBeNull();
      expect(entry.trainingPriceNote).toMatch(/could not be confirmed/);
      expect(entry.defaultEpochs).toBe(1);
      expect(entry.formats).toEqual(['chat', 'completion', 'preference']);
      expect(entry.tokenCounts?.source.length).toBeGreaterThan(0);
      expect(entry.maxTokensPerExample?.source).toMatch(/supported-models/);
    }
    const llama = defaultCatalog.find('meta-llama/Meta-Llama-3.1-8B-Instruct-Reference');
    expect(llama).toMatchObject({ encoding: 'cl100k_base', tokenCounts: { exact: false } });
    // gpt-oss's tokenizer is o200k_base plus special tokens: its text counts are exact.
    expect(defaultCatalog.find('openai/gpt-oss-20b')).toMatchObject({
      encoding: 'o200k_base',
      tokenCounts: { exact: true },
    });
    // OpenAI's entries count with their own tokenizer.
    expect(defaultCatalog.find('gpt-4o-mini')?.tokenCounts).toBeNull();
  });

  it('lets users override and add entries, validating them', () => {
    const catalog = createModelCatalog([
      {
        id: 'gpt-4o-mini-2024-07-18',
        encoding: 'o200k_base',
        fineTunable: true,
        maxTokensPerExample: { value: 1000, source: 'mine', asOf: '2026-01-01' },
        training: null,
      },
      {
        id: 'azure-gpt-4o',
        provider: 'azure',
        encoding: 'o200k_base',
        fineTunable: true,
        maxTokensPerExample: null,
        training: null,
      },
    ]);
    expect(catalog.find('gpt-4o-mini-2024-07-18')?.maxTokensPerExample?.value).toBe(1000);
    expect(catalog.find('azure-gpt-4o')?.provider).toBe('azure');
    expect(() =>
      createModelCatalog([
        {
          id: 'bad',
          encoding: 'o200k_base',
          fineTunable: true,
          maxTokensPerExample: null,
          training: { unit: '1M tokens', usd: 'cheap', source: 's', asOf: '2026-01-01' },
        },
      ]),
    ).toThrow(/decimal amount/);
  });
});
