import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from '../../src/index.ts';
import { memoryLogger, testClient } from '../support/client.ts';
import { BASE_URL } from '../support/constants.ts';
import { fileObject, jobObject } from '../support/fixtures.ts';
import { useMockAPI } from '../support/mock-api.ts';

const api = useMockAPI();
const JOB_URL = `${BASE_URL}/fine_tuning/jobs/ftjob-abc123`;

/** Answers with each response in turn, repeating the last one. */
function sequence(...responses: Array<() => Response>) {
  let n = 0;
  return () => {
    const make = responses[Math.min(n, responses.length - 1)];
    n += 1;
    return make?.() ?? HttpResponse.error();
  };
}

const ok = () => HttpResponse.json(jobObject());
const failing =
  (status: number, headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json(
      { error: { message: `failure ${status}`, type: 'server_error', param: null, code: null } },
      { status, headers },
    );

describe('retries', () => {
  it('waits what retry-after-ms asks after a 429, then succeeds', async () => {
    api.use(http.get(JOB_URL, sequence(failing(429, { 'retry-after-ms': '120' }), ok)));
    const { logger, lines } = memoryLogger();

    const started = performance.now();
    const job = await testClient({ logger, logLevel: 'warn' }).jobs.retrieve('ftjob-abc123');
    const elapsed = performance.now() - started;

    expect(job.id).toBe('ftjob-abc123');
    expect(await api.calls()).toHaveLength(2);
    // The server's hint, not the 500 ms backoff.
    expect(lines[0]?.message).toContain('in 120 ms (retry 1 of 2): 429');
    expect(elapsed).toBeGreaterThanOrEqual(115);
  });

  it('honours retry-after in seconds', async () => {
    api.use(http.get(JOB_URL, sequence(failing(429, { 'retry-after': '0.05' }), ok)));

    const started = performance.now();
    await testClient().jobs.retrieve('ftjob-abc123');

    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(await api.calls()).toHaveLength(2);
  });

  it('backs off exponentially when the server gives no hint (503, then 200)', async () => {
    api.use(http.get(JOB_URL, sequence(failing(503), ok)));

    const started = performance.now();
    const job = await testClient().jobs.retrieve('ftjob-abc123');

    expect(job.status).toBe('queued');
    expect(await api.calls()).toHaveLength(2);
    // First backoff: 500 ms shortened by up to a quarter of jitter.
    expect(performance.now() - started).toBeGreaterThanOrEqual(370);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    api.use(http.get(JOB_URL, failing(500, { 'retry-after-ms': '1' })));

    const attempt = testClient({ maxRetries: 2 }).jobs.retrieve('ftjob-abc123');

    await expect(attempt).rejects.toBeInstanceOf(InternalServerError);
    expect(await api.calls()).toHaveLength(3);
  });

  it('lets the per-request maxRetries override the client', async () => {
    api.use(http.get(JOB_URL, failing(500, { 'retry-after-ms': '1' })));

    await expect(
      testClient({ maxRetries: 5 }).jobs.retrieve('ftjob-abc123', { maxRetries: 0 }),
    ).rejects.toBeInstanceOf(InternalServerError);
    expect(await api.calls()).toHaveLength(1);
  });

  it('does not retry when x-should-retry says false', async () => {
    api.use(http.get(JOB_URL, failing(500, { 'x-should-retry': 'false' })));

    await expect(testClient().jobs.retrieve('ftjob-abc123')).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(await api.calls()).toHaveLength(1);
  });

  it('retries a 400 when x-should-retry says true', async () => {
    api.use(
      http.get(
        JOB_URL,
        sequence(failing(400, { 'x-should-retry': 'true', 'retry-after-ms': '1' }), ok),
      ),
    );

    await testClient().jobs.retrieve('ftjob-abc123');

    expect(await api.calls()).toHaveLength(2);
  });

  it.each([
    [408, 2],
    [409, 2],
    [404, 1],
    [400, 1],
  ])(
    'status %i is attempted %i time(s) when the second attempt would succeed',
    async (status, attempts) => {
      api.use(http.get(JOB_URL, sequence(failing(status, { 'retry-after-ms': '1' }), ok)));

      await testClient()
        .jobs.retrieve('ftjob-abc123')
        .catch(() => undefined);

      expect(await api.calls()).toHaveLength(attempts);
    },
  );

  it('does not silently wait when the server asks for more than a minute', async () => {
    api.use(http.get(JOB_URL, failing(429, { 'retry-after': '3600' })));

    const error = await testClient()
      .jobs.retrieve('ftjob-abc123')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(await api.calls()).toHaveLength(1);
  });

  it('retries a connection error', async () => {
    api.use(
      http.get(
        JOB_URL,
        sequence(() => HttpResponse.error(), ok),
      ),
    );

    const job = await testClient().jobs.retrieve('ftjob-abc123');

    expect(job.id).toBe('ftjob-abc123');
    expect(await api.calls()).toHaveLength(2);
  });

  it('reports a connection error that persists with where it was going', async () => {
    api.use(http.get(JOB_URL, () => HttpResponse.error()));

    const error = await testClient({ maxRetries: 0 })
      .jobs.retrieve('ftjob-abc123')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).toMatchObject({ method: 'GET', url: JOB_URL });
    expect((error as Error).message).toContain(`GET ${JOB_URL}`);
  });

  it('replays a body read from a path on retry', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-retry-'));
    const path = join(dir, 'train.jsonl');
    await writeFile(path, '{"prompt":"a","completion":"b"}\n');
    api.use(
      http.post(
        `${BASE_URL}/files`,
        sequence(failing(503, { 'retry-after-ms': '1' }), () => HttpResponse.json(fileObject())),
      ),
    );

    await testClient().files.create({ file: path, purpose: 'fine-tune' });

    const calls = await api.calls();
    expect(calls).toHaveLength(2);
    expect(calls[0]?.body).toEqual(calls[1]?.body);
    expect(calls[1]?.body).toMatchObject({ file: { text: '{"prompt":"a","completion":"b"}\n' } });
  });

  it('does not retry a request whose body is a one-shot stream', async () => {
    api.use(
      http.post(
        `${BASE_URL}/files`,
        sequence(failing(503, { 'retry-after-ms': '1' }), () => HttpResponse.json(fileObject())),
      ),
    );

    const attempt = testClient().files.create({
      file: new Blob(['{"a":1}\n']).stream(),
      purpose: 'fine-tune',
    });

    await expect(attempt).rejects.toBeInstanceOf(InternalServerError);
    expect(await api.calls()).toHaveLength(1);
  });

  it('logs each retry as a warning with the reason', async () => {
    api.use(http.get(JOB_URL, sequence(failing(503, { 'retry-after-ms': '5' }), ok)));
    const { logger, lines } = memoryLogger();

    await testClient({ logger, logLevel: 'warn' }).jobs.retrieve('ftjob-abc123');

    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe('warn');
    expect(lines[0]?.message).toContain(`Retrying GET ${JOB_URL} in 5 ms (retry 1 of 2): 503`);
  });

  it('maps errors that are not retried at once', async () => {
    api.use(http.get(JOB_URL, failing(404)));

    await expect(testClient().jobs.retrieve('ftjob-abc123')).rejects.toBeInstanceOf(NotFoundError);
    await expect(testClient().jobs.retrieve('ftjob-abc123')).rejects.not.toBeInstanceOf(
      BadRequestError,
    );
  });
});
