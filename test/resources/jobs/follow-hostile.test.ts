import { describe, expect, it } from 'vitest';
import { EventPagingError, type FineTuningJobEvent } from '../../../src/index.ts';
import { MAX_PAGES_PER_POLL } from '../../../src/resources/jobs/event-reader.ts';
import { RecentIds } from '../../../src/resources/jobs/recent-ids.ts';
import { startEventsBackend } from '../../support/events-backend.ts';
import { loopbackSetup } from '../../support/loopback-client.ts';

/**
 * `jobs.follow` against a real events API on 127.0.0.1 that repeats, overlaps, reorders,
 * ignores cursors and drops connections: every event once, in time order, and always an end.
 * Each test reports what it measured (requests, time).
 */
const setup = loopbackSetup(startEventsBackend);

const fast = { pollInterval: 100, maxPollInterval: 100 };

async function followAll(
  events: AsyncGenerator<FineTuningJobEvent, unknown>,
): Promise<{ ids: string[]; error: unknown; ms: number }> {
  const started = performance.now();
  const ids: string[] = [];
  let error: unknown;
  try {
    for await (const event of events) ids.push(event.id);
  } catch (caught) {
    error = caught;
  }
  return { ids, error, ms: Math.round(performance.now() - started) };
}

const expectedIds = (n: number) => Array.from({ length: n }, (_, i) => `ftevent-${i + 1}`);

describe('jobs.follow: every event once, always finite (real sockets)', () => {
  it('the same id twice in one page: yielded once', async () => {
    const { backend, api } = await setup({ events: 12, perPoll: 3, duplicateInPage: true });

    const { ids, error, ms } = await followAll(
      api.jobs.follow(backend.jobId, { ...fast, pageSize: 5 }),
    );

    console.info(
      `duplicate in page: ${ids.length} events, ${backend.requests()} requests, ${ms} ms`,
    );
    expect(error).toBeUndefined();
    expect(ids).toEqual(expectedIds(12));
  });

  it('pages that overlap: yielded once', async () => {
    const { backend, api } = await setup({ events: 20, perPoll: 20, overlap: true });

    const { ids, error } = await followAll(
      api.jobs.follow(backend.jobId, { ...fast, pageSize: 4 }),
    );

    expect(error).toBeUndefined();
    expect(ids).toEqual(expectedIds(20));
  });

  it('a list that reads oldest first, over several pages: nothing lost, in time order', async () => {
    const { backend, api } = await setup({ events: 30, perPoll: 4, order: 'oldest-first' });

    const { ids, error, ms } = await followAll(
      api.jobs.follow(backend.jobId, { ...fast, pageSize: 5 }),
    );

    console.info(`oldest first: ${ids.length} events, ${backend.requests()} requests, ${ms} ms`);
    expect(error).toBeUndefined();
    expect(ids).toEqual(expectedIds(30));
  });

  it('resumes after `since` in an oldest-first list without repeating anything', async () => {
    const { backend, api } = await setup({ events: 9, perPoll: 9, order: 'oldest-first' });

    const { ids, error } = await followAll(
      api.jobs.follow(backend.jobId, { ...fast, pageSize: 2, since: 'ftevent-6' }),
    );

    expect(error).toBeUndefined();
    expect(ids).toEqual(['ftevent-7', 'ftevent-8', 'ftevent-9']);
  });

  it('a server that ignores `after` and always says has_more: a typed error after a few requests', async () => {
    const { backend, api } = await setup({
      events: 10,
      perPoll: 10,
      ignoreAfter: true,
      alwaysHasMore: true,
    });

    const { ids, error, ms } = await followAll(
      api.jobs.follow(backend.jobId, { ...fast, pageSize: 5 }),
    );

    console.info(
      `after ignored, has_more always: ${backend.requests()} requests, ${ms} ms, then ${(error as Error).name}`,
    );
    expect(error).toBeInstanceOf(EventPagingError);
    expect(error).toMatchObject({ jobId: backend.jobId, cursor: 'ftevent-6' });
    expect(ids).toEqual([]);
    expect(backend.requests()).toBe(3);
  });

  it('maxRetries 0 and every second request dropped: finishes, each event once', async () => {
    const { backend, api } = await setup(
      { events: 8, perPoll: 2, drop: (n) => n % 2 === 0 },
      { maxRetries: 0 },
    );

    const { ids, error, ms } = await followAll(
      api.jobs.follow(backend.jobId, { ...fast, pageSize: 3 }),
    );

    console.info(`every second request dropped: ${backend.requests()} requests, ${ms} ms`);
    expect(error).toBeUndefined();
    expect(ids).toEqual(expectedIds(8));
  });

  it('paces a long read: a pause after every 10 pages in a row', async () => {
    const { backend, api } = await setup({ events: 25, perPoll: 25 });

    const { ids } = await followAll(
      api.jobs.follow(backend.jobId, { pollInterval: 300, maxPollInterval: 300, pageSize: 1 }),
    );

    expect(ids).toEqual(expectedIds(25));
    const times = backend.pageTimes();
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    // 25 pages of one event: the 10th and 20th are followed by the pause, the rest are not.
    expect(gaps[MAX_PAGES_PER_POLL - 1]).toBeGreaterThanOrEqual(290);
    expect(gaps[2 * MAX_PAGES_PER_POLL - 1]).toBeGreaterThanOrEqual(290);
    expect(gaps.filter((gap) => gap >= 290).length).toBeGreaterThanOrEqual(2);
  });

  it('a `since` that is not among the events: warned about, every event yielded', async () => {
    const { backend, api, lines } = await setup({ events: 4, perPoll: 4 });

    const { ids } = await followAll(
      api.jobs.follow(backend.jobId, { ...fast, since: 'ftevent-nope' }),
    );

    expect(ids).toEqual(expectedIds(4));
    expect(lines.map((l) => l.message)).toContain(
      `Event ftevent-nope (since) is not among the events of ${backend.jobId}: following yields them all.`,
    );
  });
});

describe('RecentIds', () => {
  it('remembers the last `capacity` ids and forgets the oldest first', () => {
    const ids = new RecentIds(3);
    for (const id of ['a', 'b', 'c', 'b', 'd']) ids.add(id);

    expect(ids.size).toBe(3);
    expect(['a', 'b', 'c', 'd'].map((id) => ids.has(id))).toEqual([false, true, true, true]);
  });
});
