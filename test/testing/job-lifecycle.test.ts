import { describe, expect, it } from 'vitest';
import { createFakeOpenAI, DEFAULT_TIMINGS, RESULT_COLUMNS } from '../../src/testing/index.ts';
import {
  clientFor,
  collect,
  fakeWithTrainingFile,
  supervised,
  uploadTrainingFile,
} from '../support/fake-client.ts';
import { brokenTrainingFile, chatTrainingFile } from '../support/training-data.ts';

const { validateMs, queueMs, stepMs, finishMs } = DEFAULT_TIMINGS;

describe('a fine-tuning job in the fake', () => {
  it('is validating_files when created and succeeded on the next request with the instant clock', async () => {
    const { client, trainingFile } = await fakeWithTrainingFile();

    const created = await client.jobs.create({
      model: 'gpt-4.1-mini',
      training_file: trainingFile,
      suffix: 'geo',
    });
    expect(created.status).toBe('validating_files');
    expect(created.model).toBe('gpt-4.1-mini-2025-04-14');
    expect(created.fine_tuned_model).toBeNull();
    expect(created.error).toEqual({ code: null, message: null, param: null });
    expect(created.hyperparameters).toEqual({
      batch_size: 'auto',
      learning_rate_multiplier: 'auto',
      n_epochs: 'auto',
    });

    const done = await client.jobs.retrieve(created.id);
    expect(done.status).toBe('succeeded');
    expect(done.fine_tuned_model).toMatch(
      /^ft:gpt-4\.1-mini-2025-04-14:personal:geo:[A-Za-z0-9]{8}$/,
    );
    // 12 examples → auto epochs: ceil(100 / 12) = 9; batch size ceil(12 × 0.2 %) = 1.
    expect(done.hyperparameters).toMatchObject({
      n_epochs: 9,
      batch_size: 1,
      learning_rate_multiplier: 1.8,
    });
    expect(done.result_files).toHaveLength(1);
  });

  it('counts trained tokens as the file tokens times the epochs', async () => {
    const { client, trainingFile } = await fakeWithTrainingFile();
    const two = await client.jobs.create({
      model: 'gpt-4o-mini',
      training_file: trainingFile,
      method: supervised({ n_epochs: 2 }),
    });
    const four = await client.jobs.create({
      model: 'gpt-4o-mini',
      training_file: trainingFile,
      method: supervised({ n_epochs: 4 }),
    });
    const [a, b] = [await client.jobs.retrieve(two.id), await client.jobs.retrieve(four.id)];
    expect(a.trained_tokens).toBeGreaterThan(100);
    expect(b.trained_tokens).toBe((a.trained_tokens ?? 0) * 2);
  });

  it('moves through its statuses as the manual clock advances', async () => {
    const { fake, client, trainingFile } = await fakeWithTrainingFile({ clock: 'manual' });
    const job = await client.jobs.create({
      model: 'gpt-4o-mini',
      training_file: trainingFile,
      method: supervised({ n_epochs: 1 }),
    });
    const status = async () => (await client.jobs.retrieve(job.id)).status;

    expect(await status()).toBe('validating_files');
    fake.advance(validateMs);
    expect(await status()).toBe('queued');
    fake.advance(queueMs);
    const running = await client.jobs.retrieve(job.id);
    expect(running.status).toBe('running');
    expect(running.hyperparameters).toMatchObject({ n_epochs: 1, batch_size: 1 });
    expect(running.estimated_finish).toBeGreaterThan(running.created_at);

    fake.advance(5 * stepMs);
    const events = await client.jobs.events(job.id, { limit: 1 });
    expect(events.data[0]?.message).toMatch(/^Step 5\/12: training loss=\d+\.\d\d$/);

    fake.advance(7 * stepMs + finishMs);
    expect(await status()).toBe('succeeded');
  });

  it('stops progressing while paused and continues where it stopped after resume', async () => {
    const { fake, client, trainingFile } = await fakeWithTrainingFile({ clock: 'manual' });
    const job = await client.jobs.create({ model: 'gpt-4o-mini', training_file: trainingFile });
    fake.advance(validateMs + queueMs + 3 * stepMs);
    const stepsSoFar = async () =>
      (await collect(client.jobs.events(job.id, { limit: 100 }))).filter(
        (e) => e.type === 'metrics',
      ).length;
    expect(await stepsSoFar()).toBe(3);

    expect((await client.jobs.pause(job.id)).status).toBe('paused');
    fake.advance(60 * stepMs);
    expect(await stepsSoFar()).toBe(3);
    expect((await client.jobs.retrieve(job.id)).status).toBe('paused');

    expect((await client.jobs.resume(job.id)).status).toBe('running');
    fake.advance(2 * stepMs);
    expect(await stepsSoFar()).toBe(5);
  });

  it('refuses to pause a job that is not running and to cancel a finished one', async () => {
    const { fake, client, trainingFile } = await fakeWithTrainingFile({ clock: 'manual' });
    const job = await client.jobs.create({ model: 'gpt-4o-mini', training_file: trainingFile });
    await expect(client.jobs.pause(job.id)).rejects.toMatchObject({
      status: 400,
      apiMessage: expect.stringContaining('its status is validating_files'),
    });
    fake.runJob(job.id);
    await expect(client.jobs.cancel(job.id)).rejects.toMatchObject({
      status: 400,
      apiMessage: expect.stringContaining('its status is succeeded'),
    });
    await expect(client.jobs.retrieve('ftjob-missing')).rejects.toMatchObject({ status: 404 });
  });

  it('writes events in the real service wording, newest first', async () => {
    const { fake, client, trainingFile } = await fakeWithTrainingFile({ clock: 'manual' });
    const validationFile = await uploadTrainingFile(client, chatTrainingFile(10), 'valid.jsonl');
    const job = await client.jobs.create({
      model: 'gpt-4o-mini',
      training_file: trainingFile,
      validation_file: validationFile,
      method: supervised({ n_epochs: 3 }),
    });
    const model = fake.runJob(job.id).fine_tuned_model;
    const events = await collect(client.jobs.events(job.id, { limit: 10 }));
    const messages = events.map((e) => e.message).reverse();
    expect(messages.slice(0, 4)).toEqual([
      `Created fine-tuning job: ${job.id}`,
      `Validating training file: ${trainingFile} and validation file: ${validationFile}`,
      'Files validated, moving job to queued state',
      'Fine-tuning job started',
    ]);
    expect(messages.at(-1)).toBe('The job has successfully completed');
    expect(messages).toContain(`New fine-tuned model created: ${model}`);
    expect(messages.filter((m) => m.startsWith('Checkpoint created at step '))).toHaveLength(2);

    const started = events.find((e) => e.message === 'Fine-tuning job started');
    expect(started?.data).toBeNull();
    const lastStep = events.find((e) => e.message.startsWith('Step 36/36'));
    expect(lastStep?.type).toBe('metrics');
    expect(lastStep?.message).toMatch(
      /training loss=.*, validation loss=.*, full validation loss=/,
    );
    expect(lastStep?.data).toMatchObject({
      step: 36,
      total_steps: 36,
      train_loss: expect.any(Number),
    });
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('pages events with after and limit', async () => {
    const { fake, client, trainingFile } = await fakeWithTrainingFile();
    const job = await client.jobs.create({ model: 'gpt-4o-mini', training_file: trainingFile });
    fake.runJob(job.id);
    const all = (await client.jobs.events(job.id, { limit: 1000 })).data;
    const first = await client.jobs.events(job.id, { limit: 3 });
    expect(first.data.map((e) => e.id)).toEqual(all.slice(0, 3).map((e) => e.id));
    expect(first.has_more).toBe(true);
    const second = await client.jobs.events(job.id, { limit: 3, after: first.data[2]?.id });
    expect(second.data.map((e) => e.id)).toEqual(all.slice(3, 6).map((e) => e.id));
    const last = await client.jobs.events(job.id, { limit: 3, after: all.at(-2)?.id });
    expect(last.data).toHaveLength(1);
    expect(last.has_more).toBe(false);
    await expect(
      client.jobs.events(job.id, { limit: 3, after: 'ftevent-unknown' }),
    ).rejects.toMatchObject({
      status: 400,
      param: 'after',
    });
  });

  it('keeps checkpoints for the last three epochs', async () => {
    const { fake, client, trainingFile } = await fakeWithTrainingFile(undefined, 20);
    const job = await client.jobs.create({
      model: 'gpt-4o-mini',
      training_file: trainingFile,
      method: supervised({ n_epochs: 5, batch_size: 2 }),
    });
    const done = fake.runJob(job.id);
    const checkpoints = (await client.jobs.checkpoints(job.id)).data;
    // 20 examples ÷ batch 2 = 10 steps an epoch; epochs 3, 4 and 5 end at steps 30, 40 and 50.
    expect(checkpoints.map((c) => c.step_number)).toEqual([50, 40, 30]);
    expect(checkpoints[0]?.fine_tuned_model_checkpoint).toBe(done.fine_tuned_model);
    expect(checkpoints[1]?.fine_tuned_model_checkpoint).toMatch(/:ckpt-step-40$/);
    expect(checkpoints[0]?.metrics?.train_loss).toEqual(expect.any(Number));
  });

  it('writes a result file: a base64 metrics CSV with a decreasing loss', async () => {
    const { fake, client, trainingFile } = await fakeWithTrainingFile();
    const job = await client.jobs.create({
      model: 'gpt-4o-mini',
      training_file: trainingFile,
      method: supervised({ n_epochs: 3 }),
    });
    const [resultFile] = fake.runJob(job.id).result_files ?? [];
    const file = await client.files.retrieve(resultFile ?? '');
    expect(file).toMatchObject({ purpose: 'fine-tune-results', filename: 'step_metrics.csv' });

    const encoded = await client.files.text(file.id);
    expect(encoded).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const [header, ...rows] = Buffer.from(encoded, 'base64').toString('utf8').trim().split('\n');
    expect(header).toBe(RESULT_COLUMNS.join(','));
    expect(header).toBe('step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy');
    expect(rows).toHaveLength(36);
    const losses = rows.map((row) => Number(row.split(',')[1]));
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(losses.slice(0, 5))).toBeGreaterThan(2 * mean(losses.slice(-5)));
    expect(rows[0]?.split(',')[3]).toBe('');
  });

  it('fails with invalid_training_file naming the bad line', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const trainingFile = await uploadTrainingFile(client, brokenTrainingFile());
    const job = await client.jobs.create({ model: 'gpt-4o-mini', training_file: trainingFile });
    const failed = await client.jobs.retrieve(job.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual({
      code: 'invalid_training_file',
      param: 'training_file',
      message:
        // The line and reason come from tunekit's own validator, as `tunekit data validate` says.
        "The job failed due to an invalid training file. Invalid file format. Line 3: invalid JSON at column 57: Expected ',' or '}' after property value",
    });
    const [last] = (await client.jobs.events(job.id, { limit: 1 })).data;
    expect(last).toMatchObject({ level: 'error', message: failed.error?.message });
  });

  it('fails a file with too few examples with invalid_n_examples', async () => {
    const { client, trainingFile } = await fakeWithTrainingFile(undefined, 4);
    const job = await client.jobs.create({ model: 'gpt-4o-mini', training_file: trainingFile });
    const failed = await client.jobs.retrieve(job.id);
    expect(failed.error).toMatchObject({
      code: 'invalid_n_examples',
      message: 'Training file has 4 example(s), but must have at least 10 examples.',
    });
  });

  it('runs on real time with a speed for demos', async () => {
    const { client, trainingFile } = await fakeWithTrainingFile({
      clock: { speed: 1000 },
      timings: { validateMs: 100_000, queueMs: 10_000, stepMs: 1_000, finishMs: 1_000 },
    });
    const job = await client.jobs.create({
      model: 'gpt-4o-mini',
      training_file: trainingFile,
      method: supervised({ n_epochs: 1 }),
    });
    expect((await client.jobs.retrieve(job.id)).status).toBe('validating_files');
    // Validation alone takes 100 real ms (100 simulated s at 1000×); the whole job
    // 100 + 10 + 12 + 1 = 123 simulated s ≈ 123 real ms.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await client.jobs.retrieve(job.id)).status).toBe('succeeded');
  });

  it('lists jobs newest first and filters them by metadata', async () => {
    const { client, trainingFile } = await fakeWithTrainingFile();
    const a = await client.jobs.create({
      model: 'gpt-4o-mini',
      training_file: trainingFile,
      metadata: { token: 'a' },
    });
    const b = await client.jobs.create({
      model: 'gpt-4o-mini',
      training_file: trainingFile,
      metadata: { token: 'b' },
    });
    expect((await client.jobs.list()).data.map((j) => j.id)).toEqual([b.id, a.id]);
    const found = await client.jobs.list({ metadata: { token: 'a' } });
    expect(found.data.map((j) => j.id)).toEqual([a.id]);
    expect(found.data[0]?.metadata).toEqual({
      token: 'a',
      tunekit_client_token: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });
});
