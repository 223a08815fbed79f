import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatTrainingFile } from '../support/training-data.ts';
import { rawRequest, startUiOnFake, type UiFixture } from '../support/ui.ts';

let ui: UiFixture;
beforeAll(async () => {
  ui = await startUiOnFake();
});
afterAll(async () => ui?.close());

const post = (path: string, body: unknown) =>
  rawRequest(`${ui.url}${path}`, {
    method: 'POST',
    headers: { origin: new URL(ui.url).origin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** What the tests read from the events' data. */
interface SseData {
  jobs?: unknown[];
  jobId?: string;
  seq?: number;
  event?: { point: unknown };
}
interface Sse {
  event: string;
  id?: string;
  data: SseData;
}

/** Reads server-sent events from a stream until `enough` says so (or 10 s pass). */
async function readEvents(
  path: string,
  enough: (events: Sse[]) => boolean,
  headers: Record<string, string> = {},
) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  const response = await fetch(`${ui.url}${path}`, { signal: controller.signal, headers });
  const reader = (response.body as ReadableStream<BufferSource>)
    .pipeThrough(new TextDecoderStream())
    .getReader();
  const events: Sse[] = [];
  let buffer = '';
  try {
    while (!enough(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((line) => !line.startsWith(':') && line.includes(': '))
            .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
        );
        if (fields.data !== undefined)
          events.push({
            event: fields.event ?? 'message',
            id: fields.id,
            data: JSON.parse(fields.data),
          });
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

describe('the dashboard’s API', () => {
  it('says who it talks to and what the provider offers, never the key', async () => {
    const session = await (await fetch(`${ui.url}api/session`)).json();
    expect(session).toMatchObject({
      fake: false,
      provider: { name: 'openai', label: 'OpenAI' },
      features: { 'jobs.pause': true, 'jobs.trainingType': false },
      problem: null,
    });
  });

  it('gives a job’s details: checkpoints, files, hyperparameters, cost and actions', async () => {
    const detail = await (await fetch(`${ui.url}api/jobs/${ui.jobs.succeeded}`)).json();
    expect(detail.job).toMatchObject({
      id: ui.jobs.succeeded,
      status: 'succeeded',
      terminal: true,
    });
    expect(detail.job.hyperparameters).toMatchObject({ n_epochs: 3, batch_size: 1 });
    expect(detail.job.cost).toMatchObject({
      basis: 'trained',
      usd: expect.stringMatching(/^\d+\.\d+$/),
    });
    expect(detail.checkpoints.map((c: { step: number }) => c.step)).toEqual([12, 24, 36]);
    expect(detail.files.map((f: { role: string }) => f.role)).toEqual([
      'training',
      'validation',
      'result',
    ]);
    expect(detail.actions).toEqual({
      cancel: { available: false, reason: 'The job has succeeded.' },
      pause: { available: false, reason: 'The job has succeeded.' },
      resume: { available: false, reason: 'Only a paused job can be resumed.' },
    });
    const missing = await fetch(`${ui.url}api/jobs/ftjob-nope`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatchObject({ kind: 'not-found' });
  });

  it('downloads a job’s file as an attachment', async () => {
    const detail = await (await fetch(`${ui.url}api/jobs/${ui.jobs.succeeded}`)).json();
    const training = detail.files.find((f: { role: string }) => f.role === 'training');
    const response = await fetch(`${ui.url}api/files/${training.id}/content`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="capitals.jsonl"',
    );
    expect(await response.text()).toBe(chatTrainingFile(12));
  });

  it('reads the curves of a finished job from its result file', async () => {
    const { points } = await (await fetch(`${ui.url}api/jobs/${ui.jobs.succeeded}/metrics`)).json();
    expect(points).toHaveLength(36);
    expect(points[0]).toMatchObject({
      step: 1,
      trainLoss: expect.any(Number),
      validLoss: expect.any(Number),
    });
  });

  it('pauses and resumes a job on request, and says why it cannot', async () => {
    const paused = await post(`api/jobs/${ui.jobs.running}/pause`, {});
    expect(paused.status).toBe(200);
    expect(JSON.parse(paused.body).job.status).toBe('paused');
    const resumed = await post(`api/jobs/${ui.jobs.running}/resume`, {});
    expect(JSON.parse(resumed.body).job.status).toBe('running');
    const refused = await post(`api/jobs/${ui.jobs.succeeded}/cancel`, {});
    expect(refused.status).toBe(502);
    expect(JSON.parse(refused.body).error).toMatchObject({ kind: 'api', status: 400 });
    expect((await post(`api/jobs/${ui.jobs.succeeded}/delete`, {})).status).toBe(404);
  });

  it('refuses a question it cannot send', async () => {
    const bad = await post('api/chat', { model: '', messages: [] });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toBe('Pick a model.');
  });

  it('carries the list and several jobs on one event stream, each job resumable from where the tab was', async () => {
    const all = await readEvents(
      `api/events?list=1&job=${ui.jobs.succeeded}&job=${ui.jobs.failed}`,
      (events) =>
        events.filter((e) => e.event === 'end').length === 2 &&
        events.some((e) => e.event === 'snapshot'),
    );
    expect(all.find((e) => e.event === 'snapshot')?.data.jobs).toHaveLength(4);
    const done = all.filter((e) => e.event === 'event' && e.data.jobId === ui.jobs.succeeded);
    expect(done.map((e) => e.data.seq)).toEqual(done.map((_, i) => i + 1));
    expect(done.filter((e) => e.data.event?.point !== null).length).toBe(36);
    const last = all.filter((e) => e.event === 'event').at(-1);
    expect(last?.id).toMatch(new RegExp(`${ui.jobs.succeeded}:\\d+`));
    // Reconnecting with the last id: nothing seen is sent again.
    const again = await readEvents(
      `api/events?job=${ui.jobs.succeeded}&job=${ui.jobs.failed}`,
      (events) => events.filter((e) => e.event === 'end').length === 2,
      { 'last-event-id': last?.id ?? '' },
    );
    expect(again.filter((e) => e.event === 'event')).toEqual([]);
    const partial = await readEvents(
      `api/events?job=${ui.jobs.succeeded}&after=${ui.jobs.succeeded}:30`,
      (events) => events.some((e) => e.event === 'end'),
    );
    expect(partial.filter((e) => e.event === 'event').map((e) => e.data.seq)[0]).toBe(31);
  });

  it('lists no reports when it was given no folder, and serves none', async () => {
    expect(await (await fetch(`${ui.url}api/reports`)).json()).toEqual({ dir: null, reports: [] });
    expect((await fetch(`${ui.url}reports/x.html`)).status).toBe(404);
  });
});
