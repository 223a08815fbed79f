import { describe, expect, it } from 'vitest';
import { createFakeOpenAI } from '../../src/testing/index.ts';
import { clientFor, uploadTrainingFile } from '../support/fake-client.ts';
import { brokenTrainingFile, chatTrainingFile } from '../support/training-data.ts';

describe('a fine-tuning job in the fake', () => {
  it('is validating_files when created and succeeded on the next request with the instant clock', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const trainingFile = await uploadTrainingFile(client, chatTrainingFile(12));

    const created = await client.jobs.create({
      model: 'gpt-4.1-mini',
      training_file: trainingFile,
      suffix: 'geo',
    });
    expect(created.status).toBe('validating_files');
    expect(created.model).toBe('gpt-4.1-mini-2025-04-14');
    expect(created.fine_tuned_model).toBeNull();
    expect(created.error).toEqual({ code: null, message: null, param: null });

    const done = await client.jobs.retrieve(created.id);
    expect(done.status).toBe('succeeded');
    expect(done.fine_tuned_model).toMatch(
      /^ft:gpt-4\.1-mini-2025-04-14:personal:geo:[A-Za-z0-9]{8}$/,
    );
    // 12 examples → auto epochs: ceil(100 / 12) = 9.
    expect(done.hyperparameters).toMatchObject({
      n_epochs: 9,
      batch_size: 1,
      learning_rate_multiplier: 1.8,
    });
    expect(done.result_files).toHaveLength(1);
    expect(done.trained_tokens).toBeGreaterThan(0);
  });

  it('fails with invalid_training_file naming the bad line', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const trainingFile = await uploadTrainingFile(client, brokenTrainingFile());
    const job = await client.jobs.create({ model: 'gpt-4o-mini', training_file: trainingFile });
    const failed = await client.jobs.retrieve(job.id);
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('invalid_training_file');
    expect(failed.error?.param).toBe('training_file');
    expect(failed.error?.message).toContain('Line 3');
  });
});
