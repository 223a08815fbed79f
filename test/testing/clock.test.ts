import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createFakeOpenAI, DEFAULT_TIMINGS } from '../../src/testing/index.ts';
import {
  clientFor,
  collect,
  fakeWithTrainingFile,
  supervised,
  tinyFile,
  tunekitClient,
} from '../support/fake-client.ts';

describe("the fake's default clock (instant)", () => {
  it('follows real time: two files created 2 s apart differ by 2 s', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const first = await tinyFile(client);
    await sleep(2_050);
    const second = await tinyFile(client);
    expect(second.created_at - first.created_at).toBeGreaterThanOrEqual(2);
    expect(second.created_at - first.created_at).toBeLessThanOrEqual(3);
    // Real time, not a frozen start: within a few seconds of the wall clock.
    expect(Math.abs(second.created_at * 1000 - Date.now())).toBeLessThan(5_000);
  });

  it('finishes a 120-step job on the next request, stamped with its planned durations', async () => {
    const { fake, client, trainingFile } = await fakeWithTrainingFile();
    const created = await client.jobs.create({
      model: 'gpt-4o-mini',
      training_file: trainingFile,
      method: supervised({ n_epochs: 10, batch_size: 1 }), // 12 examples × 10 epochs
    });
    const done = await client.jobs.retrieve(created.id);
    expect(done.status).toBe('succeeded');

    const { validateMs, queueMs, stepMs, finishMs } = DEFAULT_TIMINGS;
    const planned = (validateMs + queueMs + 120 * stepMs + finishMs) / 1000;
    expect(done.finished_at).not.toBeNull();
    expect((done.finished_at ?? 0) - done.created_at).toBeGreaterThanOrEqual(planned - 1);
    expect((done.finished_at ?? 0) - done.created_at).toBeLessThanOrEqual(planned + 2);

    // Every event lies between creation and the end, in order of its step.
    const events = (await collect(client.jobs.events(created.id))).reverse();
    const steps = events.filter((event) => event.type === 'metrics');
    expect(steps).toHaveLength(120);
    for (const event of events) {
      expect(event.created_at).toBeGreaterThanOrEqual(done.created_at);
      expect(event.created_at).toBeLessThanOrEqual(done.finished_at ?? 0);
    }
    expect(steps.at(-1)?.created_at ?? 0).toBeGreaterThan(steps[0]?.created_at ?? 0);

    // The clock skipped past the job's end: nothing made afterwards is older than it.
    expect(fake.now().getTime()).toBeGreaterThanOrEqual((done.finished_at ?? 0) * 1000);
    const later = await tinyFile(client);
    expect(later.created_at).toBeGreaterThanOrEqual(done.finished_at ?? 0);
  });

  it('moves on a real port too (what `tunekit fake-server` serves)', async () => {
    const fake = createFakeOpenAI();
    const server = await fake.listen();
    try {
      const client = tunekitClient(server.baseURL);
      const before = fake.now().getTime();
      await sleep(1_100);
      const file = await tinyFile(client);
      expect(file.created_at).toBeGreaterThan(Math.floor(before / 1000));
      expect(fake.now().getTime() - before).toBeGreaterThanOrEqual(1_000);
    } finally {
      await server.close();
    }
  });
});

describe('the manual clock', () => {
  it('stands still until advanced', async () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const fake = createFakeOpenAI({ clock: 'manual', startTime: start });
    const client = clientFor(fake);
    const first = await tinyFile(client);
    await sleep(1_100);
    const second = await tinyFile(client);
    expect(first.created_at).toBe(start.getTime() / 1000);
    expect(second.created_at).toBe(first.created_at);
    fake.advance(60_000);
    expect((await tinyFile(client)).created_at).toBe(first.created_at + 60);
    expect(fake.now()).toEqual(new Date(start.getTime() + 60_000));
  });
});

describe('a clock that is asked for nonsense', () => {
  it('refuses a speed that is not a positive number', () => {
    expect(() => createFakeOpenAI({ clock: { speed: 0 } })).toThrow(/Invalid clock speed 0/);
    expect(() => createFakeOpenAI({ clock: { speed: Number.NaN } })).toThrow(/Invalid clock speed/);
  });

  it('refuses to advance backwards', () => {
    const fake = createFakeOpenAI({ clock: 'manual' });
    expect(() => fake.advance(-1)).toThrow(/Cannot advance the clock by -1 ms/);
  });
});
