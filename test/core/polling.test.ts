import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { APIError } from '../../src/core/errors/api-error.ts';
import {
  DEFAULT_MAX_OUTAGE_MS,
  FIRST_CONTACT_MAX_OUTAGE_MS,
  Patience,
} from '../../src/core/polling.ts';
import {
  APIConnectionError,
  InternalServerError,
  NotFoundError,
  TuneKit,
} from '../../src/index.ts';
import { memoryLogger } from '../support/client.ts';
import { TEST_KEY } from '../support/constants.ts';
import { jobObject } from '../support/fixtures.ts';
import { sendJson, startLoopbackServer } from '../support/loopback-server.ts';

/**
 * A clock that moves only when told: each poll "takes" `step` ms, each pause its length. No
 * real time passes.
 */
function steppingClock(step: number) {
  let now = 0;
  return {
    now: () => now,
    advance: () => (now += step),
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

const connectionError = () => new APIConnectionError('connect ECONNREFUSED 127.0.0.1:9');
const status500 = () =>
  new InternalServerError({
    status: 500,
    apiMessage: 'boom',
    code: null,
    param: null,
    type: null,
    headers: {},
    requestId: undefined,
    body: null,
    method: 'GET',
    url: 'http://x/v1/fine_tuning/jobs/ftjob-1',
  });

describe('Patience (the polling window)', () => {
  it('gives up on a server never reached after the first-contact window', async () => {
    const clock = steppingClock(5_000);
    const { logger } = memoryLogger();
    const patience = new Patience({
      signal: undefined,
      logger,
      label: 'Following ftjob-1',
      baseMs: 1,
      now: clock.now,
      sleep: clock.sleep,
    });
    let polls = 0;

    const error = await patience
      .run(async () => {
        polls += 1;
        clock.advance();
        throw connectionError();
      })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toContain('never reached the API');
    expect((error as Error).message).toContain('check the base URL');
    // Polls of 5 s (pauses of 1, 2, 4 … ms): 30 s after the first failure, at the 7th poll.
    expect(polls).toBe(7);
    // At most the window after the first failed poll, plus the poll that found it over.
    expect(clock.now()).toBeLessThanOrEqual(5_000 + FIRST_CONTACT_MAX_OUTAGE_MS + 5_000);
  });

  it('waits out a longer outage once the server has answered, then gives up with the last error', async () => {
    const clock = steppingClock(60_000);
    const { logger, lines } = memoryLogger();
    const patience = new Patience({
      signal: undefined,
      logger,
      label: 'Following ftjob-1',
      baseMs: 1,
      now: clock.now,
      sleep: clock.sleep,
    });
    await patience.run(async () => 'answered');
    let polls = 0;

    const error = await patience
      .run(async () => {
        polls += 1;
        clock.advance();
        throw status500();
      })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as APIError).status).toBe(500);
    expect((error as Error).message).toContain('the API kept failing for');
    // Polls of a minute with pauses growing to a minute: the 15-minute window ends it, at
    // most one poll after the window (the clock also holds the first poll, before it).
    expect(clock.now()).toBeGreaterThan(DEFAULT_MAX_OUTAGE_MS - 2 * 60_000);
    expect(clock.now()).toBeLessThanOrEqual(60_000 + DEFAULT_MAX_OUTAGE_MS + 60_000);
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(polls - 1);
  });

  it('starts the window again after a success', async () => {
    const clock = steppingClock(10_000);
    const { logger } = memoryLogger();
    const patience = new Patience({
      signal: undefined,
      logger,
      label: 'x',
      baseMs: 1,
      maxOutage: 25_000,
      now: clock.now,
      sleep: clock.sleep,
    });
    let n = 0;
    // Two failures (20 s) then a success, three times over: never 25 s in a row.
    for (let round = 0; round < 3; round += 1) {
      await patience.run(async () => {
        n += 1;
        clock.advance();
        if (n % 3 !== 0) throw status500();
        return n;
      });
    }
    expect(n).toBe(9);
  });

  it('throws what waiting cannot fix at once', async () => {
    const { logger } = memoryLogger();
    const patience = new Patience({ signal: undefined, logger, label: 'x', baseMs: 1 });
    const notFound = new NotFoundError({ ...status500(), status: 404, apiMessage: 'no such job' });
    let polls = 0;

    await expect(
      patience.run(async () => {
        polls += 1;
        throw notFound;
      }),
    ).rejects.toBe(notFound);
    expect(polls).toBe(1);
  });
});

/** A port on 127.0.0.1 where nothing listens (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('polling an unreachable server, over real sockets', () => {
  it('jobs.wait fails in bounded time with a typed error (ECONNREFUSED from the first request)', async () => {
    const port = await closedPort();
    // No retries inside each poll: the window alone decides how long this takes.
    const client = new TuneKit({
      apiKey: TEST_KEY,
      baseURL: `http://127.0.0.1:${port}/v1`,
      logLevel: 'off',
      maxRetries: 0,
    });

    const started = performance.now();
    const error = await client.jobs
      .wait('ftjob-1', { pollInterval: 50, maxOutage: 1_500 })
      .catch((e: unknown) => e);
    const elapsed = performance.now() - started;

    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toContain('never reached the API');
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    // 1.5 s of window; the pause that would pass it is not taken.
    expect(elapsed).toBeGreaterThan(700);
    expect(elapsed).toBeLessThan(3_000);
    console.info(`jobs.wait on a closed port gave up after ${Math.round(elapsed)} ms`);
  });

  it('files.waitForProcessing waits out 503s from a server that answers', async () => {
    let n = 0;
    const server = await startLoopbackServer((_request, response) => {
      n += 1;
      // Two 503s, then the file is processed: within the window, so it is waited out.
      if (n <= 2)
        sendJson(response, 503, { error: { message: 'overloaded' } }, { 'retry-after-ms': '1' });
      else
        sendJson(response, 200, {
          ...jobObject(),
          id: 'file-1',
          object: 'file',
          bytes: 1,
          filename: 'a',
          purpose: 'fine-tune',
          status: 'processed',
        });
    });
    try {
      const client = new TuneKit({
        apiKey: TEST_KEY,
        baseURL: `${server.url}/v1`,
        logLevel: 'off',
        maxRetries: 0,
      });
      const file = await client.files.waitForProcessing('file-1', {
        pollInterval: 1,
        maxOutage: 5_000,
      });
      expect(file.status).toBe('processed');
      expect(n).toBe(3);
    } finally {
      await server.close();
    }
  });
});
