import { describe, expect, it, vi } from 'vitest';
import {
  defaultCatalog,
  estimateTrainingCost,
  type ModelEntry,
  validateTrainingFile,
} from '../../../src/data/index.ts';
import { createFakeOpenAI } from '../../../src/testing/index.ts';
import { CostBook, epochsOfJob } from '../../../src/ui/api/cost.ts';
import { supervised, uploadTrainingFile } from '../../support/fake-client.ts';
import { chatTrainingFile } from '../../support/training-data.ts';
import { uiClient } from '../../support/ui.ts';

const MODEL = 'gpt-4o-mini-2024-07-18';

async function setUp(clock: 'manual' | 'instant' = 'manual') {
  const fake = createFakeOpenAI({ clock });
  const client = uiClient(fake);
  const file = await uploadTrainingFile(client, chatTrainingFile(12));
  const job = await client.jobs.create(
    { model: MODEL, training_file: file, method: supervised({ n_epochs: 2 }) },
    { lifecycleWarning: false },
  );
  return { fake, client, job };
}

describe('what a job costs', () => {
  it('after training: the trained tokens at the catalog price', async () => {
    const { fake, client, job } = await setUp();
    const done = fake.runJob(job.id);
    const cost = new CostBook(client, () => undefined).of(done);
    const entry = defaultCatalog.find(MODEL) as ModelEntry;
    const expected = estimateTrainingCost({
      model: entry,
      tokensPerEpoch: done.trained_tokens ?? 0,
      examples: 1,
      epochs: 1,
    });
    expect(done.trained_tokens).toBeGreaterThan(0);
    expect(cost).toMatchObject({
      basis: 'trained',
      usd: expected.usd,
      tokens: done.trained_tokens,
    });
    expect(cost.note).toContain('trained tokens');
  });

  it('before training: an estimate from the training file’s tokens and the epochs, worked out once in the background', async () => {
    const { fake, client, job } = await setUp();
    const onUpdate = vi.fn();
    const book = new CostBook(client, onUpdate);
    expect(book.of(job)).toMatchObject({
      basis: 'unknown',
      note: expect.stringContaining('Counting'),
    });
    await vi.waitFor(() => expect(onUpdate).toHaveBeenCalledTimes(1));
    const estimate = book.of(job);
    const report = await validateTrainingFile({ text: chatTrainingFile(12) }, { model: MODEL });
    const expected = estimateTrainingCost({
      model: defaultCatalog.find(MODEL) as ModelEntry,
      tokensPerEpoch: report.stats.billableTokensPerEpoch,
      examples: report.stats.examples,
      epochs: 2,
    });
    expect(estimate).toMatchObject({
      basis: 'estimate',
      usd: expected.usd,
      tokens: expected.trainedTokens,
    });
    // Read back once: a second job on the same file asks the API for nothing more.
    const reads = fake.calls.filter((call) => call.route === 'files.content').length;
    book.of({ ...job, id: 'ftjob-other' });
    expect(fake.calls.filter((call) => call.route === 'files.content')).toHaveLength(reads);
    expect(reads).toBe(1);
  });

  it('no figure for a finished job without trained tokens, or a model the catalog has no price for here', async () => {
    const { fake, client, job } = await setUp();
    const book = new CostBook(client, () => undefined);
    await client.jobs.cancel(job.id);
    const cancelled = await client.jobs.retrieve(job.id);
    expect(book.of(cancelled)).toMatchObject({ usd: null, basis: 'unknown' });
    const gateway = uiClient(fake, {
      provider: 'compatible',
      baseURL: 'https://api.openai.com/v1',
    });
    const priced = new CostBook(gateway, () => undefined).of({
      ...cancelled,
      trained_tokens: 1000,
    });
    expect(priced).toMatchObject({
      usd: null,
      basis: 'unknown',
      note: expect.stringContaining('no training price'),
    });
  });

  it('reads the epochs the job runs with, else those it asked for, else auto', () => {
    const base = {
      id: 'j',
      object: 'fine_tuning.job',
      created_at: 0,
      model: MODEL,
      status: 'queued',
      training_file: 'f',
    };
    expect(epochsOfJob({ ...base, hyperparameters: { n_epochs: 4 } })).toBe(4);
    expect(
      epochsOfJob({ ...base, method: { type: 'dpo', dpo: { hyperparameters: { n_epochs: 2 } } } }),
    ).toBe(2);
    expect(
      epochsOfJob({
        ...base,
        method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 'auto' } } },
      }),
    ).toBe('auto');
    expect(epochsOfJob(base)).toBe('auto');
  });
});
