import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeOpenAI } from '../../../src/testing/index.ts';
import { CostBook } from '../../../src/ui/api/cost.ts';
import { type JobsUpdate, JobsWatcher } from '../../../src/ui/api/jobs-watch.ts';
import { Lifecycles } from '../../../src/ui/api/lifecycles.ts';
import { supervised, TEST_API_KEY, uploadTrainingFile } from '../../support/fake-client.ts';
import { chatTrainingFile } from '../../support/training-data.ts';
import { uiClient } from '../../support/ui.ts';

let watcher: JobsWatcher | undefined;
afterEach(() => watcher?.close());

async function account(jobs: number) {
  const fake = createFakeOpenAI({ clock: 'manual', timings: { validateMs: 3_600_000 } });
  const client = uiClient(fake);
  const file = await uploadTrainingFile(client, chatTrainingFile(12));
  const create = (suffix: string) =>
    client.jobs.create(
      {
        model: 'gpt-4o-mini-2024-07-18',
        training_file: file,
        suffix,
        method: supervised({ n_epochs: 1 }),
      },
      { lifecycleWarning: false },
    );
  const ids: string[] = [];
  for (let i = 0; i < jobs; i += 1) {
    ids.push((await create(`job-${i}`)).id);
    // A second apart (the list is newest first); validation takes an hour, so none starts.
    fake.advance(1000);
  }
  const watch = (options: ConstructorParameters<typeof JobsWatcher>[3] = {}) => {
    const refresh = () => watcher?.changed();
    watcher = new JobsWatcher(
      client,
      new CostBook(client, refresh),
      new Lifecycles(client, refresh),
      {
        now: () => fake.now().getTime(),
        ...options,
      },
    );
    return watcher;
  };
  return { fake, client, ids, create, watch };
}

/**
 * The first snapshot once the background lookups (lifecycles, cost estimates) have landed:
 * before, every row would change when they do.
 */
async function settled(live: JobsWatcher) {
  let snapshot = await live.snapshot();
  await vi.waitFor(async () => {
    snapshot = await live.snapshot();
    for (const row of snapshot.jobs) {
      expect(row.lifecycle).not.toBeNull();
      expect(row.cost.note).not.toContain('Counting');
    }
  });
  return snapshot;
}

describe('the job list', () => {
  it('holds every job, page after page, newest first', async () => {
    const { fake, ids, watch } = await account(105);
    const { jobs, truncated, error } = await watch().snapshot();
    expect(error).toBeNull();
    expect(truncated).toBe(false);
    expect(jobs.map((job) => job.id)).toEqual([...ids].reverse());
    expect(fake.calls.filter((call) => call.route === 'jobs.list').length).toBe(2);
  });

  it('keeps the newest maxJobs and says there are more', async () => {
    const { ids, watch } = await account(5);
    const { jobs, truncated } = await watch({ maxJobs: 3 }).snapshot();
    expect(truncated).toBe(true);
    expect(jobs.map((job) => job.id)).toEqual(ids.slice(-3).reverse());
  });

  it('tells listeners only what changed: new jobs, new statuses', async () => {
    const { fake, ids, create, watch } = await account(3);
    const live = watch({ pollMs: 50 });
    const first = await settled(live);
    const updates: JobsUpdate[] = [];
    const stop = live.subscribe((update) => updates.push(update), first.jobs);
    const added = await create('late');
    fake.runJob(ids[0] as string);
    await vi.waitFor(() => {
      const changed = updates.flatMap((u) => u.changed);
      expect(changed.map((row) => row.id)).toEqual(expect.arrayContaining([added.id, ids[0]]));
    });
    const changed = updates.flatMap((u) => u.changed);
    expect(changed.findLast((row) => row.id === ids[0])?.status).toBe('succeeded');
    // Jobs that did not change were not sent again.
    expect(changed.some((row) => row.id === ids[1])).toBe(false);
    stop();
  });

  it('re-reads unfinished jobs beyond the first page', async () => {
    const { fake, ids, watch } = await account(103);
    const live = watch({ pollMs: 50 });
    const first = await live.snapshot();
    const oldest = ids[0] as string;
    expect(first.jobs.find((row) => row.id === oldest)?.status).toBe('validating_files');
    const updates: JobsUpdate[] = [];
    const stop = live.subscribe((update) => updates.push(update), first.jobs);
    fake.runJob(oldest);
    await vi.waitFor(() =>
      expect(updates.flatMap((u) => u.changed).findLast((row) => row.id === oldest)?.status).toBe(
        'succeeded',
      ),
    );
    stop();
  });

  it('keeps the last list when the provider fails, says why, and recovers', async () => {
    const { fake, watch } = await account(2);
    const live = watch({ pollMs: 30 });
    const first = await live.snapshot();
    const updates: JobsUpdate[] = [];
    const stop = live.subscribe((update) => updates.push(update), first.jobs);
    const fault = fake.inject({
      route: 'jobs.list',
      status: 500,
      message: `boom ${TEST_API_KEY}`,
      times: 1,
    });
    await vi.waitFor(() => expect(updates.some((u) => u.error !== null)).toBe(true));
    const failed = updates.find((u) => u.error !== null);
    expect(failed?.error).toMatchObject({ kind: 'api', status: 500 });
    expect(fault.hits).toBe(1);
    await vi.waitFor(() => expect(updates.at(-1)?.error).toBeNull(), { timeout: 3000 });
    stop();
  });

  it('stops polling when the last listener leaves', async () => {
    const { fake, watch } = await account(1);
    const live = watch({ pollMs: 20 });
    const first = await live.snapshot();
    const stop = live.subscribe(() => undefined, first.jobs);
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lists = fake.calls.filter((call) => call.route === 'jobs.list').length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fake.calls.filter((call) => call.route === 'jobs.list').length).toBe(lists);
  });
});
