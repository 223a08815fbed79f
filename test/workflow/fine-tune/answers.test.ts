import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fineTune, TrainingDataError } from '../../../src/index.ts';
import { createFakeOpenAI } from '../../../src/testing/index.ts';
import { clientFor } from '../../support/fake-client.ts';
import { Invoice, invoiceTrainingFile } from '../../support/invoices.ts';

async function trainingFile(content: string): Promise<{ path: string; cacheDir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'tunekit-ft-answers-'));
  const path = join(dir, 'invoices.jsonl');
  await writeFile(path, content);
  return { path, cacheDir: join(dir, 'cache') };
}

it('refuses to train on answers that do not match the production schema, before uploading', async () => {
  const fake = createFakeOpenAI();
  const { path, cacheDir } = await trainingFile(
    invoiceTrainingFile(12, { 4: { vendor: 'ACME', total: 'a lot', currency: 'EUR', due: null } }),
  );

  const run = fineTune(clientFor(fake), {
    trainingFile: path,
    model: 'gpt-4o-mini',
    cacheDir,
    validate: { answers: { response: Invoice } },
  });

  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrainingDataError);
  const problems = (error as TrainingDataError).report.problems;
  expect(problems).toContainEqual(
    expect.objectContaining({ code: 'answer_schema_mismatch', line: 5, answerPath: 'total' }),
  );
  expect(fake.calls.map((call) => call.route)).not.toContain('files.create');
});

it('trains as usual when every answer matches', async () => {
  const fake = createFakeOpenAI();
  const { path, cacheDir } = await trainingFile(invoiceTrainingFile(12));

  const { model } = await fineTune(clientFor(fake), {
    trainingFile: path,
    model: 'gpt-4o-mini',
    cacheDir,
    pollInterval: 1,
    validate: { answers: { response: Invoice } },
  });

  expect(model).toMatch(/^ft:gpt-4o-mini/);
});
