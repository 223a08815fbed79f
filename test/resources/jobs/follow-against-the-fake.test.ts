import { expect, it } from 'vitest';
import { memoryLogger } from '../../support/client.ts';
import { collect, uploadTrainingFile } from '../../support/fake-client.ts';
import { forEachProvider } from '../../support/providers.ts';
import { chatTrainingFile } from '../../support/training-data.ts';

// Against the fake, with the faults the issue names (dropped connections, 429 storms, 500s,
// a part upload failing twice), once per provider (OpenAI, Azure, a compatible gateway, Together).

/** A retry budget smaller than the storms below. */
const FEW_RETRIES = { maxRetries: 1, logLevel: 'warn' } as const;

forEachProvider(
  'jobs.follow against the fake',
  (setup) => {
    it('yields every event exactly once through dropped connections, a 429 storm and 500s', async () => {
      // Real time, sped up (the fake's option below): the job moves while it is followed.
      const { client, fake, baseModel } = setup();
      const { logger, lines } = memoryLogger();
      const api = client({ ...FEW_RETRIES, logger });
      const trainingFile = await uploadTrainingFile(api, chatTrainingFile(12));
      const job = await api.jobs.create({ model: baseModel, training_file: trainingFile });
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
