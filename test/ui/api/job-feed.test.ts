import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeOpenAI } from '../../../src/testing/index.ts';
import { type FeedMessage, JobFeeds } from '../../../src/ui/api/job-feed.ts';
import { supervised, uploadTrainingFile } from '../../support/fake-client.ts';
import { chatTrainingFile } from '../../support/training-data.ts';
import { uiClient } from '../../support/ui.ts';

let feeds: JobFeeds | undefined;
afterEach(() => feeds?.close());

async function runningJob() {
  const fake = createFakeOpenAI({ clock: 'manual' });
  const client = uiClient(fake);
  const file = await uploadTrainingFile(client, chatTrainingFile(12));
  const job = await client.jobs.create(
    {
      model: 'gpt-4o-mini-2024-07-18',
      training_file: file,
      method: supervised({ n_epochs: 2, batch_size: 1 }),
    },
    { lifecycleWarning: false },
  );
  fake.runJob(job.id, { until: 'running' });
  fake.advance(5_000);
  return { fake, client, job };
}

const events = (messages: FeedMessage[]) =>
  messages.flatMap((m) => (m.type === 'event' ? [m] : []));

describe('following a job once for every tab', () => {
  it('starts one follow however many listen; each hears every event once, in order', async () => {
    const { fake, client, job } = await runningJob();
    const follow = vi.spyOn(client.jobs, 'follow');
    feeds = new JobFeeds(client, { pollMs: 20, maxPollMs: 20 });
    const tabs: FeedMessage[][] = [[], [], []];
    const stops = tabs.map((tab) => feeds?.subscribe(job.id, 0, (m) => tab.push(m)));
    await vi.waitFor(() => expect(events(tabs[2] ?? []).length).toBeGreaterThan(5));
    fake.advance(3_000);
    await vi.waitFor(() => expect(events(tabs[0] ?? []).at(-1)?.event.point?.step).toBe(8));
    expect(follow).toHaveBeenCalledTimes(1);
    const ids = events(tabs[0] ?? []).map((m) => m.event.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const tab of tabs) {
      expect(events(tab).map((m) => m.seq)).toEqual(ids.map((_, i) => i + 1));
    }
    for (const stop of stops) stop?.();
  });

  it('gives a tab that comes later everything so far; one that reconnects only what it missed', async () => {
    const { fake, client, job } = await runningJob();
    feeds = new JobFeeds(client, { pollMs: 20, maxPollMs: 20 });
    const first: FeedMessage[] = [];
    const stop = feeds.subscribe(job.id, 0, (m) => first.push(m));
    await vi.waitFor(() => expect(events(first).length).toBeGreaterThan(3));
    const seen = events(first).length;
    const late: FeedMessage[] = [];
    feeds.subscribe(job.id, 0, (m) => late.push(m))();
    expect(events(late).map((m) => m.event.id)).toEqual(
      events(first)
        .slice(0, events(late).length)
        .map((m) => m.event.id),
    );
    expect(events(late).length).toBeGreaterThanOrEqual(seen);
    expect(late.some((m) => m.type === 'job')).toBe(true);
    const back: FeedMessage[] = [];
    feeds.subscribe(job.id, 2, (m) => back.push(m))();
    expect(events(back)[0]?.seq).toBe(3);
    fake.runJob(job.id);
    await vi.waitFor(() =>
      expect(first.at(-1)).toMatchObject({ type: 'end', job: { status: 'succeeded' } }),
    );
    expect(events(first).at(-1)?.event.message).toMatch(/completed|succeeded|Fine-tuning job/i);
    stop();
  });

  it('keeps following for a grace period after the last tab leaves, then stops', async () => {
    const { fake, client, job } = await runningJob();
    feeds = new JobFeeds(client, { pollMs: 20, maxPollMs: 20, graceMs: 150 });
    const stop = feeds.subscribe(job.id, 0, () => undefined);
    await vi.waitFor(() => expect(feeds?.following).toBe(1));
    stop();
    expect(feeds.following).toBe(1);
    await vi.waitFor(() => expect(feeds?.following).toBe(0));
    const polls = fake.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.calls.length).toBe(polls);
  });

  it('tells its tabs when following fails for good (a job that does not exist)', async () => {
    const { client } = await runningJob();
    feeds = new JobFeeds(client, { pollMs: 20, maxPollMs: 20 });
    const messages: FeedMessage[] = [];
    feeds.subscribe('ftjob-missing', 0, (m) => messages.push(m));
    await vi.waitFor(() =>
      expect(messages.at(-1)).toMatchObject({ type: 'failure', error: { kind: 'not-found' } }),
    );
  });

  it('tells the job list about every job record it reads', async () => {
    const { client, job } = await runningJob();
    const seen: string[] = [];
    feeds = new JobFeeds(client, { pollMs: 20, maxPollMs: 20, onJob: (j) => seen.push(j.status) });
    feeds.subscribe(job.id, 0, () => undefined);
    await vi.waitFor(() => expect(seen).toContain('running'));
  });
});
