import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TuneKit } from '../../src/index.ts';
import { createFakeOpenAI } from '../../src/testing/index.ts';
import { startUi } from '../../src/ui/start.ts';
import { TEST_API_KEY, uploadTrainingFile } from '../support/fake-client.ts';
import { chatTrainingFile } from '../support/training-data.ts';

const MODEL = 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference';

/** `tunekit ui` on the fake's Together flavour, through a client with `provider: 'together'`. */
describe('the dashboard on Together AI', () => {
  const fake = createFakeOpenAI({ provider: 'together', clock: 'manual' });
  const client = new TuneKit({
    provider: 'together',
    apiKey: TEST_API_KEY,
    baseURL: 'https://api.together.ai/v1',
    fetch: fake.fetch,
    maxRetries: 0,
    logLevel: 'off',
  });
  let url = '';
  let close = async () => {};
  const jobs = { done: '', running: '' };

  beforeAll(async () => {
    const file = await uploadTrainingFile(client, chatTrainingFile(12), 'capitals.jsonl');
    jobs.done = (await client.jobs.create({ model: MODEL, training_file: file })).id;
    fake.runJob(jobs.done);
    jobs.running = (await client.jobs.create({ model: MODEL, training_file: file })).id;
    fake.runJob(jobs.running, { until: 'running' });
    const server = await startUi({
      client,
      now: () => fake.now().getTime(),
      secrets: [TEST_API_KEY],
      reportsDir: null,
    });
    url = server.url;
    close = async () => {
      await server.close();
      await client.close();
    };
  });
  afterAll(() => close());

  it('says it talks to Together AI and what it lacks', async () => {
    const session = await (await fetch(`${url}api/session`)).json();
    expect(session).toMatchObject({
      provider: { name: 'together', label: 'Together AI' },
      features: { 'jobs.pause': false, uploads: false, 'jobs.download': true },
    });
  });

  it('shows a Together job: its checkpoint, its training file, its curve from the metrics endpoint', async () => {
    const detail = await (await fetch(`${url}api/jobs/${jobs.done}`)).json();
    expect(detail.job).toMatchObject({ id: jobs.done, status: 'succeeded', terminal: true });
    expect(detail.checkpoints.map((c: { step: number }) => c.step)).toEqual([12]);
    expect(detail.files.map((f: { role: string }) => f.role)).toEqual(['training']);
    expect(detail.actions.pause.available).toBe(false);

    const { points } = await (await fetch(`${url}api/jobs/${jobs.done}/metrics`)).json();
    expect(points).toHaveLength(12);
    expect(points[0]).toMatchObject({ step: 1, trainLoss: expect.any(Number) });
  });

  it('cancels a running job', async () => {
    const response = await fetch(`${url}api/jobs/${jobs.running}/cancel`, {
      method: 'POST',
      headers: { origin: new URL(url).origin, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    // Together answers the cancel with `cancel_requested`; the job reads cancelled after.
    expect((await client.jobs.retrieve(jobs.running)).status).toBe('cancelled');
  });
});
