import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { memoryLogger } from '../support/client.ts';
import { collect, uploadTrainingFile } from '../support/fake-client.ts';
import { forEachProvider } from '../support/providers.ts';
import { chatTrainingFile } from '../support/training-data.ts';

// The workflow helpers against the fake, with the faults the issue names: dropped
// connections mid-follow, 429 storms, a part upload failing twice, a create whose answer is
// lost (the last one is in test/testing/faults.test.ts and test/workflow/providers.test.ts).
// Each runs once per provider (OpenAI, Azure, a compatible gateway).

/** A retry budget smaller than the storms below. */
const FEW_RETRIES = { maxRetries: 1, logLevel: 'warn' } as const;

forEachProvider(
  'jobs.follow against the fake',
  (setup) => {
    it('yields every event exactly once through dropped connections, a 429 storm and 500s', async () => {
      // Real time, sped up (the fake's option below): the job moves while it is followed.
      const { client, fake } = setup();
      const { logger, lines } = memoryLogger();
      const api = client({ ...FEW_RETRIES, logger });
      const trainingFile = await uploadTrainingFile(api, chatTrainingFile(12));
      const job = await api.jobs.create({ model: 'gpt-4o-mini', training_file: trainingFile });
      fake.inject({ route: 'jobs.events', dropConnection: true, times: 3, skip: 2 });
      fake.inject({ route: 'jobs.retrieve', status: 429, retryAfter: 0.005, times: 6, skip: 4 });
      fake.inject({ route: 'jobs.events', status: 500, times: 2, skip: 8 });

      const followed: string[] = [];
      const events = api.jobs.follow(job.id, { pollInterval: 5, maxPollInterval: 20, pageSize: 5 });
      let next = await events.next();
      while (!next.done) {
        followed.push(next.value.id);
        next = await events.next();
      }

      const all = (await collect(client().jobs.events(job.id, { limit: 100 }))).reverse();
      expect(next.value.status).toBe('succeeded');
      expect(followed).toEqual(all.map((event) => event.id));
      expect(new Set(followed).size).toBe(followed.length);
      // The storms outlasted the client's one retry: follow waited them out itself.
      expect(
        lines.filter((line) => line.message.startsWith(`Following ${job.id}:`)).length,
      ).toBeGreaterThan(0);
    });
  },
  { fake: { clock: { speed: 400 } }, adapters: ['fetch'] },
);

forEachProvider(
  'uploads.uploadFile against the fake',
  (setup) => {
    it('assembles the file exactly even when a part fails twice', async () => {
      const { client, fake } = setup();
      const dir = await mkdtemp(join(tmpdir(), 'tunekit-parts-'));
      const path = join(dir, 'big.jsonl');
      const content = chatTrainingFile(200);
      await writeFile(path, content);
      fake.inject({ route: 'uploads.addPart', status: 500, times: 2, skip: 1 });

      const file = await client({ maxRetries: 2 }).uploads.uploadFile(path, {
        purpose: 'fine-tune',
        partSize: 4096,
        concurrency: 2,
      });

      expect(await client().files.text(file.id)).toBe(content);
      expect(fake.calls.filter((call) => call.route === 'uploads.addPart').length).toBe(
        Math.ceil(content.length / 4096) + 2,
      );
    });
  },
  { adapters: ['fetch'] },
);

forEachProvider(
  'files.waitForProcessing against the fake',
  (setup) => {
    it('waits out a 429 storm until the file is processed', async () => {
      const { client, fake } = setup();
      const api = client({ ...FEW_RETRIES, logger: memoryLogger().logger });
      const fileId = await uploadTrainingFile(api, chatTrainingFile(10), 't.jsonl');
      fake.inject({ route: 'files.retrieve', status: 429, retryAfter: 0.005, times: 5 });

      const ready = await api.files.waitForProcessing(fileId, { pollInterval: 5 });

      expect(ready.status).toBe('processed');
    });
  },
  { fake: { clock: { speed: 1 }, fileProcessingMs: 50 }, adapters: ['fetch'] },
);
