import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  APIUserAbortError,
  type FineTuningJobEvent,
  JobCancelledError,
  JobFailedError,
  NotFoundError,
  WaitTimeoutError,
} from '../../../src/index.ts';
import { memoryLogger, testClient } from '../../support/client.ts';
import { jobTimeline } from '../../support/job-timeline.ts';
import { useMockAPI } from '../../support/mock-api.ts';

const api = useMockAPI();
const fast = { pollInterval: 1, maxPollInterval: 5, pageSize: 2 };

async function collect(iterable: AsyncGenerator<FineTuningJobEvent, unknown>) {
  const seen: string[] = [];
  let next = await iterable.next();
  while (!next.done) {
    seen.push(next.value.id);
    next = await iterable.next();
  }
  return { seen, result: next.value };
}

describe('jobs.follow', () => {
  it('yields every event once, oldest first, and returns the final job', async () => {
    const timeline = jobTimeline({ events: 7 });
    api.use(...timeline.handlers);

    const { seen, result } = await collect(testClient().jobs.follow(timeline.jobId, fast));

    expect(seen).toEqual(timeline.events.map((e) => e.id));
    expect(result).toMatchObject({
      status: 'succeeded',
      fine_tuned_model: `ft:gpt-4o-mini:org::${timeline.jobId}`,
    });
  });

  it('loses and repeats nothing across dropped connections, 500s and 429s', async () => {
    const timeline = jobTimeline({
      events: 6,
      // Every third request fails, in turn as a reset, a 500 and a rate limit.
      fail: (n) =>
        n % 3 !== 0
          ? undefined
          : [
              HttpResponse.error(),
              HttpResponse.json({ error: { message: 'boom' } }, { status: 500 }),
              HttpResponse.json(
                { error: { message: 'slow down' } },
                { status: 429, headers: { 'retry-after-ms': '1' } },
              ),
            ][(n / 3) % 3],
    });
    api.use(...timeline.handlers);
    const { logger, lines } = memoryLogger();

    const { seen } = await collect(
      testClient({ maxRetries: 0, logger, logLevel: 'warn' }).jobs.follow(timeline.jobId, fast),
    );

    expect(seen).toEqual(timeline.events.map((e) => e.id));
    expect(lines.some((l) => l.message.startsWith(`Following ${timeline.jobId}:`))).toBe(true);
  });

  it('resumes after a given event without yielding it or anything before it again', async () => {
    const timeline = jobTimeline({ events: 5 });
    api.use(...timeline.handlers);
    const client = testClient();
    // Let the job finish first, as after a crash.
    await collect(client.jobs.follow(timeline.jobId, fast));

    const { seen } = await collect(
      client.jobs.follow(timeline.jobId, { ...fast, since: 'ftevent-3' }),
    );

    expect(seen).toEqual(['ftevent-4', 'ftevent-5']);
  });

  it('stops on an error that waiting cannot fix', async () => {
    const timeline = jobTimeline({
      events: 3,
      fail: (n) =>
        n === 1
          ? HttpResponse.json({ error: { message: 'No such job' } }, { status: 404 })
          : undefined,
    });
    api.use(...timeline.handlers);

    await expect(collect(testClient().jobs.follow(timeline.jobId, fast))).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('stops when the signal aborts', async () => {
    const timeline = jobTimeline({ events: 1_000 });
    api.use(...timeline.handlers);
    const controller = new AbortController();

    const follow = testClient().jobs.follow(timeline.jobId, { ...fast, signal: controller.signal });
    const first = await follow.next();
    controller.abort();

    expect(first.value).toMatchObject({ id: 'ftevent-1' });
    await expect(collect(follow)).rejects.toBeInstanceOf(APIUserAbortError);
  });
});

describe('jobs.wait', () => {
  it('passes every event to onEvent and resolves with the succeeded job', async () => {
    const timeline = jobTimeline({ events: 4 });
    api.use(...timeline.handlers);
    const messages: string[] = [];

    const job = await testClient().jobs.wait(timeline.jobId, {
      ...fast,
      onEvent: (event) => {
        messages.push(event.message);
      },
    });

    expect(job.status).toBe('succeeded');
    expect(messages).toEqual(['event 1', 'event 2', 'event 3', 'event 4']);
  });

  it('rejects a failed job with its error code, message and param', async () => {
    const timeline = jobTimeline({
      events: 2,
      finalStatus: 'failed',
      error: {
        code: 'invalid_training_file',
        message: 'Line 3: missing assistant message',
        param: 'training_file',
      },
    });
    api.use(...timeline.handlers);

    const error = await testClient()
      .jobs.wait(timeline.jobId, fast)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toMatchObject({
      jobId: timeline.jobId,
      status: 'failed',
      code: 'invalid_training_file',
      param: 'training_file',
      jobMessage: 'Line 3: missing assistant message',
    });
    expect((error as Error).message).toBe(
      `Fine-tuning job ${timeline.jobId} failed: Line 3: missing assistant message (code: invalid_training_file, param: training_file)`,
    );
  });

  it('rejects a cancelled job with JobCancelledError', async () => {
    const timeline = jobTimeline({ events: 1, finalStatus: 'cancelled' });
    api.use(...timeline.handlers);

    await expect(testClient().jobs.wait(timeline.jobId, fast)).rejects.toBeInstanceOf(
      JobCancelledError,
    );
  });

  it('times out saying what it waited for and where the job was', async () => {
    const timeline = jobTimeline({ events: 100_000 });
    api.use(...timeline.handlers);

    const error = await testClient()
      .jobs.wait(timeline.jobId, { pollInterval: 20, maxPollInterval: 20, maxWait: 80 })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as Error).message).toBe(
      `Timed out after 80 ms waiting for job ${timeline.jobId} to finish (last status: running)`,
    );
  });
});
