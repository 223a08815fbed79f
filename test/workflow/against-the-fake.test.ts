import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TuneKit } from '../../src/index.ts';
import { createFakeOpenAI } from '../../src/testing/index.ts';
import { memoryLogger } from '../support/client.ts';
import { clientFor, collect, TEST_API_KEY, uploadTrainingFile } from '../support/fake-client.ts';
import { chatTrainingFile } from '../support/training-data.ts';

// The workflow helpers against the fake, with the faults the issue names: dropped
// connections mid-follow, 429 storms, a part upload failing twice, a create whose answer is
// lost (the last one is in test/testing/faults.test.ts).

/** A client on the fake with a retry budget smaller than the storms below. */
function client(fake: ReturnType<typeof createFakeOpenAI>, logger = memoryLogger().logger) {
  return new TuneKit({
    apiKey: TEST_API_KEY,
    fetch: fake.fetch,
    maxRetries: 1,
    logger,
    logLevel: 'warn',
  });
}

describe('jobs.follow against the fake', () => {
  it('yields every event exactly once through dropped connections, a 429 storm and 500s', async () => {
    // Real time, sped up: the job moves while it is followed.
    const fake = createFakeOpenAI({ clock: { speed: 400 } });
    const { logger, lines } = memoryLogger();
    const api = client(fake, logger);
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

    const all = (await collect(clientFor(fake).jobs.events(job.id, { limit: 100 }))).reverse();
    expect(next.value.status).toBe('succeeded');
    expect(followed).toEqual(all.map((event) => event.id));
    expect(new Set(followed).size).toBe(followed.length);
    // The storms outlasted the client's one retry: follow waited them out itself.
    expect(
      lines.filter((line) => line.message.startsWith(`Following ${job.id}:`)).length,
    ).toBeGreaterThan(0);
  });
});

describe('uploads.uploadFile against the fake', () => {
  it('assembles the file exactly even when a part fails twice', async () => {
    const fake = createFakeOpenAI();
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-parts-'));
    const path = join(dir, 'big.jsonl');
    const content = chatTrainingFile(200);
    await writeFile(path, content);
    fake.inject({ route: 'uploads.addPart', status: 500, times: 2, skip: 1 });

    const file = await new TuneKit({
      apiKey: TEST_API_KEY,
      fetch: fake.fetch,
      maxRetries: 2,
      logLevel: 'off',
    }).uploads.uploadFile(path, {
      purpose: 'fine-tune',
      partSize: 4096,
      concurrency: 2,
    });

    expect(await clientFor(fake).files.text(file.id)).toBe(content);
    expect(fake.calls.filter((call) => call.route === 'uploads.addPart').length).toBe(
      Math.ceil(content.length / 4096) + 2,
    );
  });
});

describe('files.waitForProcessing against the fake', () => {
  it('waits out a 429 storm until the file is processed', async () => {
    const fake = createFakeOpenAI({ clock: { speed: 1 }, fileProcessingMs: 50 });
    const api = client(fake);
    const file = await api.files.create({
      file: new TextEncoder().encode(chatTrainingFile(10)),
      filename: 't.jsonl',
      purpose: 'fine-tune',
    });
    fake.inject({ route: 'files.retrieve', status: 429, retryAfter: 0.005, times: 5 });

    const ready = await api.files.waitForProcessing(file.id, { pollInterval: 5 });

    expect(ready.status).toBe('processed');
  });
});
