import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { APIConnectionTimeoutError, APIUserAbortError } from '../../src/index.ts';
import { testClient } from '../support/client.ts';
import { BASE_URL } from '../support/constants.ts';
import { jobObject } from '../support/fixtures.ts';
import { useMockAPI } from '../support/mock-api.ts';

const api = useMockAPI();
const JOB_URL = `${BASE_URL}/fine_tuning/jobs/ftjob-abc123`;

describe('timeouts', () => {
  it('fails an attempt that takes longer than the timeout with a typed error', async () => {
    api.use(
      http.get(JOB_URL, async () => {
        await delay(1_000);
        return HttpResponse.json(jobObject());
      }),
    );

    const started = performance.now();
    const error = await testClient({ timeout: 60, maxRetries: 0 })
      .jobs.retrieve('ftjob-abc123')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as APIConnectionTimeoutError).timeoutMs).toBe(60);
    expect((error as Error).message).toBe(`Request timed out after 60 ms (GET ${JOB_URL})`);
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('retries a timed-out attempt, and a per-request timeout overrides the client', async () => {
    let n = 0;
    api.use(
      http.get(JOB_URL, async () => {
        n += 1;
        if (n === 1) await delay(1_000);
        return HttpResponse.json(jobObject());
      }),
    );

    const job = await testClient({ timeout: 60_000 }).jobs.retrieve('ftjob-abc123', {
      timeout: 60,
    });

    expect(job.id).toBe('ftjob-abc123');
    expect(n).toBe(2);
  });
});

describe('abort', () => {
  it('stops a request in flight when the signal aborts, without retrying', async () => {
    api.use(
      http.get(JOB_URL, async () => {
        await delay(1_000);
        return HttpResponse.json(jobObject());
      }),
    );
    const controller = new AbortController();

    const attempt = testClient().jobs.retrieve('ftjob-abc123', { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);

    await expect(attempt).rejects.toBeInstanceOf(APIUserAbortError);
    expect(await api.calls()).toHaveLength(1);
  });

  it('stops the wait between retries when the signal aborts', async () => {
    api.use(
      http.get(JOB_URL, () =>
        HttpResponse.json(
          { error: { message: 'slow down', type: 'rate_limit', param: null, code: null } },
          { status: 429, headers: { 'retry-after-ms': '10000' } },
        ),
      ),
    );
    const controller = new AbortController();

    const started = performance.now();
    const attempt = testClient().jobs.retrieve('ftjob-abc123', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);

    await expect(attempt).rejects.toBeInstanceOf(APIUserAbortError);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await api.calls()).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    api.use(http.get(JOB_URL, () => HttpResponse.json(jobObject())));

    const attempt = testClient().jobs.retrieve('ftjob-abc123', { signal: AbortSignal.abort() });

    await expect(attempt).rejects.toBeInstanceOf(APIUserAbortError);
    expect(await api.calls()).toHaveLength(0);
  });
});
