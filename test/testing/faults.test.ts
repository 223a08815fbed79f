import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  InternalServerError,
  RateLimitError,
  type TuneKit,
} from '../../src/index.ts';
import { createFakeOpenAI, type FakeOpenAI } from '../../src/testing/index.ts';
import { forEachAdapter } from '../support/adapters.ts';
import { TEST_API_KEY, tunekitClient, uploadTrainingFile } from '../support/fake-client.ts';
import { chatTrainingFile } from '../support/training-data.ts';

/** The fault stories, told once for each adapter by {@link forEachAdapter}. */
function defineFaultStories(
  setup: () => { fake: FakeOpenAI; client: (maxRetries?: number) => TuneKit },
) {
  it('scripts 429s with retry-after that the client waits out and retries', async () => {
    const { fake, client } = setup();
    const fault = fake.inject({ route: 'models.list', status: 429, retryAfter: 0.01, times: 2 });
    const { data } = await client(2).models.list();
    expect(data.length).toBeGreaterThan(0);
    expect(fault).toMatchObject({ hits: 2, remaining: 0 });
    expect(fake.calls.map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it('answers a 429 in the API shape with the rate-limit code and headers', async () => {
    const { fake, client } = setup();
    fake.inject({ route: 'GET /models', status: 429, retryAfter: 120 });
    const error = await client(0)
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'rate_limit_exceeded', retryAfterMs: 120_000 });
  });

  it('scripts 500s for a number of requests, then answers normally', async () => {
    const { fake, client } = setup();
    fake.inject({ route: 'models.list', status: 500, times: 1 });
    await expect(client(0).models.list()).rejects.toBeInstanceOf(InternalServerError);
    await expect(client(0).models.list()).resolves.toBeDefined();
  });

  it('lets skip pass the first requests through', async () => {
    const { fake, client } = setup();
    fake.inject({ route: 'models.list', status: 503, skip: 1 });
    await expect(client(0).models.list()).resolves.toBeDefined();
    await expect(client(0).models.list()).rejects.toMatchObject({ status: 503 });
  });

  it('slows a route down by delayMs', async () => {
    const { fake, client } = setup();
    fake.inject({ route: 'models.list', delayMs: 150 });
    const started = performance.now();
    await client(0).models.list();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('drops the connection before processing: nothing is created', async () => {
    const { fake, client } = setup();
    const api = client(0);
    const trainingFile = await uploadTrainingFile(api, chatTrainingFile(12));
    fake.inject({ route: 'jobs.create', dropConnection: 'before' });
    await expect(
      api.jobs.create({ model: 'gpt-4o-mini', training_file: trainingFile }),
    ).rejects.toBeInstanceOf(APIConnectionError);
    expect((await api.jobs.list()).data).toHaveLength(0);
    expect(fake.calls.find((c) => c.route === 'jobs.create')?.status).toBe('network-error');
  });

  it('drops the connection after processing: the job exists though the client saw a failure', async () => {
    const { fake, client } = setup();
    const api = client(0);
    const trainingFile = await uploadTrainingFile(api, chatTrainingFile(12));
    fake.inject({ route: 'jobs.create', dropConnection: 'after' });
    await expect(
      api.jobs.create(
        { model: 'gpt-4o-mini', training_file: trainingFile, metadata: { token: 't-1' } },
        // A bare request: the job the server made must show up despite the client's failure.
        { idempotencyToken: false },
      ),
    ).rejects.toBeInstanceOf(APIConnectionError);
    const found = await api.jobs.list({ metadata: { token: 't-1' } });
    expect(found.data).toHaveLength(1);
  });

  it('a lost create answer is found by its client token, not created twice', async () => {
    const { fake, client } = setup();
    const api = client(0);
    const trainingFile = await uploadTrainingFile(api, chatTrainingFile(12));
    fake.inject({ route: 'jobs.create', dropConnection: 'after' });

    const job = await api.jobs.create({ model: 'gpt-4o-mini', training_file: trainingFile });

    expect((await api.jobs.list()).data.map((j) => j.id)).toEqual([job.id]);
    expect(
      fake.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/fine_tuning/jobs')),
    ).toHaveLength(1);
  });

  it('cuts a chat stream after some events, which the client reports as a broken stream', async () => {
    const { fake, client } = setup();
    fake.inject({ route: 'chat.completions.create', truncateStream: 2 });
    const received: string[] = [];
    const reading = (async () => {
      for await (const chunk of client(0).chat.completions.stream({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      })) {
        received.push(chunk.choices[0]?.delta.content ?? '');
      }
    })();
    await expect(reading).rejects.toBeInstanceOf(APIConnectionError);
    expect(received).toHaveLength(2);
  });

  it('cuts a download short', async () => {
    const { fake, client } = setup();
    const api = client(0);
    const file = await api.files.create({
      file: new Uint8Array(1000).fill(65),
      filename: 'a.jsonl',
      purpose: 'fine-tune',
    });
    fake.inject({ route: 'files.content', truncateStream: 100 });
    await expect(api.files.text(file.id)).rejects.toThrow();
    expect(await api.files.text(file.id)).toHaveLength(1000);
  });
}

forEachAdapter('faults', (setup) =>
  defineFaultStories(() => {
    const { fake, baseURL } = setup();
    return { fake, client: (maxRetries = 0) => tunekitClient(baseURL, maxRetries) };
  }),
);

describe('fake.inject()', () => {
  it('refuses an unknown route or a fault that does nothing, listing the routes', () => {
    const fake = createFakeOpenAI();
    expect(() => fake.inject({ route: 'jobs.make', status: 500 })).toThrow(
      /unknown route "jobs\.make"\. Routes: files\.create/,
    );
    expect(() => fake.inject({ route: 'jobs.create' })).toThrow(/say what should go wrong/);
    expect(() => fake.inject({ status: 200 })).toThrow(/not an error status/);
  });

  it('can be taken back with remove()', async () => {
    const fake = createFakeOpenAI();
    const fault = fake.inject({ route: '*', status: 500, times: Number.POSITIVE_INFINITY });
    fault.remove();
    const response = await fake.fetch('https://api.openai.com/v1/models', {
      headers: { authorization: `Bearer ${TEST_API_KEY}` },
    });
    expect(response.status).toBe(200);
  });

  it('makes fake.fetch reject like a real fetch on a dropped connection', async () => {
    const fake = createFakeOpenAI();
    fake.inject({ dropConnection: true });
    await expect(
      fake.fetch('https://api.openai.com/v1/models', {
        headers: { authorization: `Bearer ${TEST_API_KEY}` },
      }),
    ).rejects.toThrow(TypeError);
  });
});

describe('the real port', () => {
  it('answers a request with a malformed Host header in the API error shape instead of crashing', async () => {
    const { createConnection } = await import('node:net');
    const fake = createFakeOpenAI();
    const server = await fake.listen();
    try {
      const socket = createConnection(server.port, '127.0.0.1');
      socket.write('GET /v1/models HTTP/1.1\r\nHost: bad host name\r\nConnection: close\r\n\r\n');
      let raw = '';
      for await (const chunk of socket) raw += chunk;
      expect(raw).toMatch(/^HTTP\/1\.1 400/);
      expect(raw).toContain('"type":"invalid_request_error"');
      // The server is still up.
      const response = await fetch(`${server.baseURL}/models`, {
        headers: { authorization: `Bearer ${TEST_API_KEY}` },
      });
      expect(response.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
