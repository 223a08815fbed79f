import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDefaultTransport } from '../../src/core/transport.ts';
import { APIConnectionTimeoutError, TuneKit } from '../../src/index.ts';
import { TEST_KEY } from '../support/constants.ts';
import { jobObject } from '../support/fixtures.ts';
import { sendJson, startLoopbackServer } from '../support/loopback-server.ts';

// Real sockets: the timeouts of the transport under fetch (undici's) only show up here.

describe('one timeout, per request, over a real socket', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  /** A server whose answer (headers and body) comes after `ms`. */
  async function slowServer(ms: number) {
    const server = await startLoopbackServer(async (_request, response) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      sendJson(response, 200, jobObject());
    });
    servers.push(server);
    return server;
  }

  it('lets a per-request timeout longer than the client’s win', async () => {
    const server = await slowServer(2_500);
    const client = new TuneKit({
      apiKey: TEST_KEY,
      baseURL: `${server.url}/v1`,
      logLevel: 'off',
      timeout: 1_000,
      maxRetries: 0,
    });

    const started = performance.now();
    const job = await client.jobs.retrieve('ftjob-abc123', { timeout: 5_000 });

    expect(job.id).toBe('ftjob-abc123');
    expect(performance.now() - started).toBeGreaterThan(2_400);
    expect(server.seen).toHaveLength(1);
  }, 10_000);

  it('fails with APIConnectionTimeoutError at the request’s own timeout, for headers and body', async () => {
    const headersLate = await slowServer(2_000);
    const bodyLate = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id":');
      // The rest never comes.
    });
    servers.push(bodyLate);
    const options = { apiKey: TEST_KEY, logLevel: 'off' as const, timeout: 60_000, maxRetries: 0 };

    const started = performance.now();
    const headers = await new TuneKit({ ...options, baseURL: `${headersLate.url}/v1` }).jobs
      .retrieve('ftjob-abc123', { timeout: 300 })
      .catch((e: unknown) => e);
    const body = await new TuneKit({ ...options, baseURL: `${bodyLate.url}/v1` }).jobs
      .retrieve('ftjob-abc123', { timeout: 300 })
      .catch((e: unknown) => e);

    for (const error of [headers, body]) {
      expect(error).toBeInstanceOf(APIConnectionTimeoutError);
      expect((error as APIConnectionTimeoutError).timeoutMs).toBe(300);
    }
    expect(performance.now() - started).toBeLessThan(1_900);
  });

  it('hands Node’s fetch a dispatcher that switches undici’s own socket timeouts off', async () => {
    // undici's defaults (300 s for headers and between body bytes) would cut a long request
    // whatever its timeout; the dispatcher passed with each request turns them off.
    const symbol = Symbol.for('undici.globalDispatcher.1');
    const global = globalThis as unknown as Record<symbol, unknown>;
    const original = global[symbol];
    const dispatched: Array<Record<string, unknown>> = [];
    let dispatcher: { dispatch(options: object, handler: object): boolean } | undefined;
    vi.stubGlobal('fetch', async (_url: string, init: { dispatcher?: typeof dispatcher }) => {
      dispatcher = init.dispatcher;
      return new Response('{}');
    });
    try {
      await createDefaultTransport().fetch('http://127.0.0.1:1/', {});
      global[symbol] = {
        dispatch: (options: Record<string, unknown>) => dispatched.push(options) > 0,
      };
      dispatcher?.dispatch({ path: '/', method: 'GET', headersTimeout: 5 }, {});
    } finally {
      global[symbol] = original;
      vi.unstubAllGlobals();
    }
    expect(dispatched).toEqual([{ path: '/', method: 'GET', headersTimeout: 0, bodyTimeout: 0 }]);
  });
});
