import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { type FineTuningJobEvent, JobFailedError } from '../../src/index.ts';
import { DEFAULT_CATALOG } from '../../src/testing/index.ts';
import { memoryLogger } from '../support/client.ts';
import { uploadTrainingFile } from '../support/fake-client.ts';
import { forEachProvider } from '../support/providers.ts';
import { brokenTrainingFile, chatTrainingFile } from '../support/training-data.ts';

async function trainingFileOnDisk(content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tunekit-providers-'));
  const path = join(dir, 'train.jsonl');
  await writeFile(path, content);
  return path;
}

const NOV_22 = () => new Date('2026-11-22T12:00:00Z');

/**
 * The default catalog, with dates for Azure too: Azure retires models on its own schedule
 * (made up here — the fake knows none of Azure's real dates), reported as `deprecation`.
 */
const WITH_AZURE_DATES = DEFAULT_CATALOG.map((model) =>
  model.id === 'gpt-4o-mini-2024-07-18'
    ? { ...model, azure: { shutdown_date: '2027-02-15', training_end_date: '2027-01-31' } }
    : model,
);

/** What each provider's API says about gpt-4o-mini on 2026-11-22. */
const EXPECTED = {
  openai: { shutdownDate: '2027-01-14', daysLeft: 53, trainingEnd: 'until 2027-01-06' },
  // The gateway passes OpenAI's model objects: the shutdown date, not the end of training.
  compatible: { shutdownDate: '2027-01-14', daysLeft: 53, trainingEnd: undefined },
  azure: { shutdownDate: '2027-02-15', daysLeft: 85, trainingEnd: 'until 2027-01-31' },
} as const;

/** How each provider's job story begins and ends (Together tells it in its own event types). */
const STORY = {
  first: (provider: string, jobId: string) =>
    provider === 'together'
      ? `Fine-tune request created for ${jobId}`
      : `Created fine-tuning job: ${jobId}`,
  last: (provider: string) =>
    provider === 'together' ? /^Job completed: / : /^The job has successfully completed$/,
};

forEachProvider(
  'the workflow',
  (setup) => {
    it('uploads, waits, trains and follows the job through 500s and 429s, then reads its metrics', async () => {
      const { client, fake, provider, baseModel } = setup();
      const api = client();
      const file = await api.files.upload(await trainingFileOnDisk(chatTrainingFile(12)), {
        purpose: 'fine-tune',
      });
      await api.files.waitForProcessing(file.id, { pollInterval: 1 });
      const job = await api.jobs.create({ model: baseModel, training_file: file.id });
      fake.inject({ route: 'jobs.events', status: 500, retryAfter: 0.001 });
      // Polling retries only the request that failed: the first read of the job meets the 429.
      fake.inject({ route: 'jobs.retrieve', status: 429, retryAfter: 0.001 });

      const events: FineTuningJobEvent[] = [];
      const follow = api.jobs.follow(job.id, { pollInterval: 1, maxPollInterval: 5 });
      let next = await follow.next();
      while (!next.done) {
        events.push(next.value);
        next = await follow.next();
      }

      const ids = events.map((event) => event.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(events[0]?.message).toBe(STORY.first(provider, job.id));
      expect(events.at(-1)?.message).toMatch(STORY.last(provider));
      expect(next.value.status).toBe('succeeded');
      expect(fake.calls.filter((c) => c.status === 500 || c.status === 429)).toHaveLength(2);

      const rows = await api.jobs.metrics(job.id);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => r.step)).toEqual([...rows.map((r) => r.step)].sort((a, b) => a - b));
      expect(rows.every((r) => typeof r.train_loss === 'number')).toBe(true);
    });

    it('creates one job when the connection drops after the server created it', async () => {
      const { client, fake, baseModel } = setup();
      const api = client({ maxRetries: 1 });
      const fileId = await uploadTrainingFile(api, chatTrainingFile(12), 'train.jsonl');
      fake.inject({ route: 'jobs.create', dropConnection: 'after' });

      const job = await api.jobs.create({ model: baseModel, training_file: fileId });

      const jobs = (await api.jobs.list()).data;
      expect(jobs.map((j) => j.id)).toEqual([job.id]);
      expect(fake.calls.filter((c) => c.route === 'jobs.create')).toHaveLength(1);
    });

    it('rejects the wait for a job whose training file is broken, with the job’s error', async () => {
      const { client, provider, baseModel } = setup();
      const api = client();
      const fileId = await uploadTrainingFile(api, brokenTrainingFile(), 'broken.jsonl');
      const job = await api.jobs.create({ model: baseModel, training_file: fileId });

      const error = await api.jobs.wait(job.id, { pollInterval: 1 }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(JobFailedError);
      if (provider === 'together') {
        // Together's jobs carry no error object: the reason is its job_error event.
        expect(error).toMatchObject({ jobId: job.id, code: null });
        expect((error as JobFailedError).jobMessage).toMatch(/invalid training file/i);
      } else {
        expect(error).toMatchObject({ jobId: job.id, code: 'invalid_training_file' });
      }
    });

    it('knows when the base model dies: warns on create, and reads the API’s date', async () => {
      const { client, provider, baseModel } = setup();
      const { logger, lines } = memoryLogger();
      const api = client({ now: NOV_22, logger, logLevel: 'warn' });
      const fileId = await uploadTrainingFile(api, chatTrainingFile(12), 'train.jsonl');

      await api.jobs.create({ model: baseModel, training_file: fileId });
      const life = await api.models.lifecycle(baseModel);

      if (provider === 'together') {
        // Together announces no retirements: the catalog knows the model, no date, no warning.
        expect(life).toMatchObject({
          status: 'active',
          catalogId: baseModel,
          shutdownDate: null,
          needsConfirmation: false,
        });
        expect(lines.filter((l) => l.level === 'warn')).toEqual([]);
        return;
      }

      // Every provider reports its own date through the API (Azure as `deprecation`); it wins.
      const expected = EXPECTED[provider];
      expect(life).toMatchObject({
        shutdownDate: expected.shutdownDate,
        shutdownSource: 'api',
        daysLeft: expected.daysLeft,
        status: 'retiring',
        needsConfirmation: true,
      });
      const warnings = lines.filter((l) => l.level === 'warn').map((l) => l.message);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(
        `shuts down on ${expected.shutdownDate} (in ${expected.daysLeft} days)`,
      );
      if (expected.trainingEnd) expect(warnings[0]).toContain(expected.trainingEnd);
      else expect(warnings[0]).not.toContain('New fine-tuning jobs');
    });
  },
  { fake: { models: WITH_AZURE_DATES } },
);
