import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runEval, scorers, TuneKit } from '../../../src/index.ts';
import { createFakeOpenAI } from '../../../src/testing/index.ts';
import { heldOutJsonl, tempDir } from '../../support/eval.ts';
import { TEST_API_KEY, uploadTrainingFile } from '../../support/fake-client.ts';
import { chatTrainingFile } from '../../support/training-data.ts';

const BASE = 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference';

it('evaluates a Together base model against the model fine-tuned from it, unpriced', async () => {
  const fake = createFakeOpenAI({ provider: 'together' });
  const client = new TuneKit({
    provider: 'together',
    apiKey: TEST_API_KEY,
    baseURL: 'https://api.together.ai/v1',
    fetch: fake.fetch,
    maxRetries: 0,
    logLevel: 'off',
  });
  const file = await uploadTrainingFile(client, chatTrainingFile(12));
  const job = await client.jobs.create({ model: BASE, training_file: file });
  const tuned = fake.runJob(job.id).fine_tuned_model ?? '';
  const examples = join(tempDir(), 'held-out.jsonl');
  writeFileSync(examples, heldOutJsonl());

  const report = await runEval(client, {
    examples,
    candidates: [{ model: BASE }, { model: tuned }],
    scorers: [scorers.exactMatch()],
  });

  const [base, fineTuned] = report.candidates;
  expect(base?.scores.exact?.mean).toBe(0);
  // The fake's fine-tuned model answers the capitals it was trained on (the first ten).
  expect(fineTuned?.scores.exact?.mean).toBe(1);
  expect(report.run).toMatchObject({ total: 20, sent: 20, complete: true });
  // Together's prices are not in the catalog: no cost is made up.
  for (const candidate of report.candidates) {
    expect(candidate.prices).toBeFalsy();
    expect(candidate.totalCostUsd).toBeNull();
  }
});
