import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FineTuneStage, fineTune, resumeToken, TuneKit } from '../../../src/index.ts';
import { createFakeOpenAI } from '../../../src/testing/index.ts';
import { clientFor, TEST_API_KEY } from '../../support/fake-client.ts';
import { chatLines } from '../../support/training-data.ts';

async function workspace() {
  const dir = await mkdtemp(join(tmpdir(), 'tunekit-resume-'));
  const train = join(dir, 'train.jsonl');
  await writeFile(train, chatLines(12));
  return { dir, train, cacheDir: join(dir, 'cache') };
}

function setup() {
  const fake = createFakeOpenAI();
  const client = clientFor(fake);
  const creates = () => fake.calls.filter((call) => call.route === 'jobs.create').length;
  return { fake, client, creates };
}

describe('fineTune resumes the job of an earlier run', () => {
  it('a second run with the same file and options follows the first run’s job: one job', async () => {
    const { client, creates } = setup();
    const { train, cacheDir } = await workspace();
    const options = { trainingFile: train, model: 'gpt-4o-mini', suffix: 'qa', cacheDir };
    const stages: string[] = [];

    const first = await fineTune(client, { ...options, resume: true, pollInterval: 1 });
    const second = await fineTune(client, {
      ...options,
      resume: true,
      pollInterval: 1,
      onStage: (s: FineTuneStage) => {
        stages.push(s.stage);
      },
    });

    expect(creates()).toBe(1);
    expect(second).toMatchObject({ resumed: true, report: null, model: first.model });
    expect(second.job.id).toBe(first.job.id);
    expect(second.clientToken).toBe(first.clientToken);
    expect(second.trainingFile.id).toBe(first.trainingFile.id);
    expect(stages).toEqual(['resumed', 'finished']);
  });

  it('follows a job that a crashed run created but never saw finish', async () => {
    const { client, creates } = setup();
    const { train, cacheDir } = await workspace();
    const options = { trainingFile: train, model: 'gpt-4o-mini', cacheDir };
    // What the crashed run left: its upload, and a job tagged with the run's token.
    const file = await client.files.upload(train, { purpose: 'fine-tune' });
    const started = await client.jobs.create(
      { model: 'gpt-4o-mini', training_file: file.id },
      { idempotencyToken: await resumeToken(client, options) },
    );

    const result = await fineTune(client, { ...options, resume: true, pollInterval: 1 });

    expect(result.resumed).toBe(true);
    expect(result.job.id).toBe(started.id);
    expect(result.job.status).toBe('succeeded');
    expect(creates()).toBe(1);
  });

  it('other options start another job; newJob starts one with the same token, which later runs follow', async () => {
    const { client, creates } = setup();
    const { train, cacheDir } = await workspace();
    const options = { trainingFile: train, model: 'gpt-4o-mini', cacheDir, pollInterval: 1 };

    const first = await fineTune(client, { ...options, resume: true });
    const otherSuffix = await fineTune(client, { ...options, resume: true, suffix: 'b' });
    const forced = await fineTune(client, { ...options, resume: true, newJob: true });
    const later = await fineTune(client, { ...options, resume: true });

    expect(creates()).toBe(3);
    expect(otherSuffix.job.id).not.toBe(first.job.id);
    expect(forced.resumed).toBe(false);
    expect(forced.clientToken).toBe(first.clientToken);
    expect(forced.job.id).not.toBe(first.job.id);
    expect(later).toMatchObject({ resumed: true });
    expect(later.job.id).toBe(forced.job.id);
  });

  it('an explicit idempotencyToken is looked for too, without resume', async () => {
    const { client, creates } = setup();
    const { train, cacheDir } = await workspace();
    const options = { trainingFile: train, model: 'gpt-4o-mini', cacheDir, pollInterval: 1 };

    const first = await fineTune(client, { ...options, idempotencyToken: 'nightly-7' });
    const again = await fineTune(client, { ...options, idempotencyToken: 'nightly-7' });
    const plain = await fineTune(client, options);

    expect(again.job.id).toBe(first.job.id);
    expect(plain.job.id).not.toBe(first.job.id);
    expect(plain.clientToken).toBeUndefined();
    expect(creates()).toBe(2);
  });
});

describe('resumeToken', () => {
  it('depends on the content, not the path; on the model, method, suffix and API', async () => {
    const { client } = setup();
    const { dir, train } = await workspace();
    const copy = join(dir, 'copy.jsonl');
    await copyFile(train, copy);
    const other = join(dir, 'other.jsonl');
    await writeFile(other, chatLines(13));
    const base = { trainingFile: train, model: 'gpt-4o-mini' };
    const token = (options: Parameters<typeof resumeToken>[1], on = client) =>
      resumeToken(on, options);
    const elsewhere = clientFor(createFakeOpenAI());

    const same = await token(base);
    expect(same).toMatch(/^tk-[0-9a-f]{40}$/);
    expect(await token({ ...base, trainingFile: copy })).toBe(same);
    expect(await token(base, elsewhere)).toBe(same); // same base URL and provider
    const different = await Promise.all([
      token({ ...base, trainingFile: other }),
      token({ ...base, model: 'gpt-4.1-mini' }),
      token({ ...base, suffix: 'x' }),
      token({ ...base, seed: 1 }),
      token({
        ...base,
        method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2 } } },
      }),
      token({
        ...base,
        method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 3 } } },
      }),
      token({ ...base, validationFile: copy }),
      token(base, new TuneKit({ apiKey: TEST_API_KEY, baseURL: 'https://gateway.test/v1' })),
    ]);
    expect(new Set([same, ...different]).size).toBe(different.length + 1);
  });
});
