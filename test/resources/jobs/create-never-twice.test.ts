import { describe, expect, it } from 'vitest';
import { AmbiguousResultError } from '../../../src/index.ts';
import { startJobsBackend } from '../../support/jobs-backend.ts';
import { loopbackSetup } from '../../support/loopback-client.ts';

/**
 * `jobs.create` against a real jobs API on 127.0.0.1 that stores creates late, lists them
 * late, ignores filters and cursors, or drops metadata: never a second paid job. Each test
 * reports what it measured (POSTs sent, jobs made, time taken).
 */
const setup = loopbackSetup(startJobsBackend);

const params = { model: 'gpt-4o-mini-2024-07-18', training_file: 'file-train' };

async function timed<T>(run: () => Promise<T>) {
  const started = performance.now();
  const outcome = await run().then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, ms: Math.round(performance.now() - started) };
}

function report(
  what: string,
  backend: { posts(): number; jobs(): unknown[]; lists(): number },
  ms: number,
) {
  console.info(
    `${what}: ${backend.posts()} POST, ${backend.jobs().length} job(s), ${backend.lists()} list request(s), ${ms} ms`,
  );
}

describe('jobs.create never starts a second paid job (real sockets)', () => {
  it('a server that stores the job 3 s after the request, the client timing out at 1 s: one POST, one job', async () => {
    const { backend, api } = await setup({ commitDelayMs: 3_000 }, { timeout: 1_000 });

    const { value: job, ms } = await timed(() => api.jobs.create(params));

    report('commit 3 s late, timeout 1 s', backend, ms);
    expect(backend.posts()).toBe(1);
    expect(backend.jobs()).toHaveLength(1);
    expect(job?.id).toBe('ftjob-1');
    expect(backend.lists()).toBeGreaterThan(1);
  });

  it('a list that shows a new job 3 s late: the lookup keeps looking, one job', async () => {
    const { backend, api } = await setup({ loseAnswers: 1, listLagMs: 3_000 });

    const { value: job, ms } = await timed(() => api.jobs.create(params));

    report('answer lost, list 3 s behind', backend, ms);
    expect(backend.posts()).toBe(1);
    expect(backend.jobs()).toHaveLength(1);
    expect(job?.id).toBe('ftjob-1');
    expect(ms).toBeGreaterThan(2_500);
  });

  it('150 newer jobs and a list that ignores the metadata filter: the lookup reads on, one job', async () => {
    const { backend, api } = await setup({
      loseAnswers: 1,
      ignoreMetadataFilter: true,
      newerJobs: 150,
    });

    const { value: job, ms } = await timed(() => api.jobs.create(params));

    report('answer lost, filter ignored, 150 newer jobs', backend, ms);
    expect(backend.posts()).toBe(1);
    expect(backend.jobs()).toHaveLength(1);
    expect(job?.id).toBe('ftjob-1');
    expect(backend.lists()).toBe(2);
  });

  it('a provider that drops metadata: says so once, loudly, and stops instead of creating again', async () => {
    const { backend, api, lines } = await setup({ loseAnswers: 5, dropMetadata: true });

    const { error, ms } = await timed(() => api.jobs.create(params));

    report('answer lost, metadata dropped', backend, ms);
    expect(backend.posts()).toBe(1);
    expect(backend.jobs()).toHaveLength(1);
    expect(error).toBeInstanceOf(AmbiguousResultError);
    const ambiguous = error as AmbiguousResultError;
    expect(ambiguous.message).toContain(
      'does not keep the client token (ftjob-1 came back without',
    );
    expect(ambiguous.lookupHint).toMatch(
      /^It may exist: look for a job with training file file-train created after \S+ \(perhaps ftjob-1\) before creating another\.$/,
    );
    const warnings = lines.filter((l) => l.message.includes('did not keep the client token'));
    expect(warnings).toHaveLength(1);
  });

  it('a provider that drops metadata from answered creates: warns once; a later ambiguous create stops at once', async () => {
    const { backend, api, lines } = await setup({
      dropMetadata: true,
      loseAnswers: (n) => n === 3,
    });
    await api.jobs.create(params);
    await api.jobs.create(params);
    const listsBefore = backend.lists();

    const { error } = await timed(() => api.jobs.create(params, { maxRetries: 3 }));

    expect(lines.filter((l) => l.message.includes('did not keep the client token'))).toHaveLength(
      1,
    );
    expect(error).toBeInstanceOf(AmbiguousResultError);
    expect(backend.posts()).toBe(3);
    expect(backend.jobs()).toHaveLength(3);
    // Known not to keep tokens: no lookup is even tried.
    expect(backend.lists()).toBe(listsBefore);
  });

  it('a list whose cursor does not advance and ignores the filter: the create is not sent again', async () => {
    const { backend, api } = await setup({
      loseAnswers: 1,
      ignoreMetadataFilter: true,
      ignoreAfter: true,
      newerJobs: 250,
    });

    const { error, ms } = await timed(() => api.jobs.create(params));

    report('answer lost, filter and cursor ignored, 250 newer jobs', backend, ms);
    expect(error).toBeInstanceOf(AmbiguousResultError);
    expect((error as Error).message).toContain('could not be read back to the time of the request');
    expect(backend.posts()).toBe(1);
  });

  it('a 503 before anything was stored: looks for the grace period, then sends again — one job', async () => {
    const { backend, api } = await setup({ refuseFirst: 1 });

    const { value: job, ms } = await timed(() => api.jobs.create(params, { lookupGrace: 1_500 }));

    report('503 first, grace 1.5 s', backend, ms);
    expect(job?.id).toBe('ftjob-1');
    expect(backend.posts()).toBe(2);
    expect(backend.jobs()).toHaveLength(1);
    expect(ms).toBeGreaterThanOrEqual(1_500);
    expect(backend.lists()).toBeGreaterThanOrEqual(3);
  });
});

describe('a client token you choose (real sockets)', () => {
  it('returns the job already tagged with it instead of creating another', async () => {
    const { backend, api } = await setup({});

    const first = await api.jobs.create(params, { idempotencyToken: 'nightly-1' });
    const again = await api.jobs.create(params, { idempotencyToken: 'nightly-1' });
    const found = await api.jobs.findByClientToken('nightly-1');

    expect(again.id).toBe(first.id);
    expect(found?.id).toBe(first.id);
    expect(await api.jobs.findByClientToken('nightly-2')).toBeUndefined();
    expect(backend.posts()).toBe(1);
  });

  it('reuseExisting: false creates anew; a lost answer then finds the new job, not the earlier one', async () => {
    const { backend, api } = await setup({ loseAnswers: (n) => n === 2 });
    const first = await api.jobs.create(params, { idempotencyToken: 'nightly-1' });

    const second = await api.jobs.create(params, {
      idempotencyToken: 'nightly-1',
      reuseExisting: false,
    });

    expect(backend.posts()).toBe(2);
    expect(second.id).not.toBe(first.id);
    expect(second.id).toBe('ftjob-2');
  });

  it('refuses a lookupGrace that is not milliseconds ≥ 0', async () => {
    const { api } = await setup({});
    expect(() => api.jobs.create(params, { lookupGrace: -1 })).toThrow(
      'Invalid lookupGrace -1: expected milliseconds ≥ 0 (default 10000).',
    );
  });
});
