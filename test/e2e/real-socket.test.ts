import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  InternalServerError,
  TuneKit,
} from '../../src/index.ts';
import { TEST_KEY } from '../support/constants.ts';
import { fileObject, jobObject, list } from '../support/fixtures.ts';
import { sendJson, startLoopbackServer } from '../support/loopback-server.ts';
import { chunk, sseEvent } from '../support/sse.ts';

// These tests talk to real sockets on 127.0.0.1: msw never calls the undici dispatcher, so
// transport bugs (an unwrapped undici 8 Agent, socket timeouts, resets) only show up here.

const servers: Array<{ close(): Promise<void> }> = [];
const clients: TuneKit[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(...args: Parameters<typeof startLoopbackServer>) {
  const server = await startLoopbackServer(...args);
  servers.push(server);
  return server;
}

function clientFor(url: string, options: ConstructorParameters<typeof TuneKit>[0] = {}) {
  const client = new TuneKit({
    apiKey: TEST_KEY,
    baseURL: `${url}/v1`,
    logLevel: 'off',
    ...options,
  });
  clients.push(client);
  return client;
}

describe('over a real socket', () => {
  it('retrieves, paginates and uploads through the undici dispatcher', async () => {
    const server = await serve(async (request, response) => {
      if (request.target.startsWith('/v1/fine_tuning/jobs?')) {
        const after = new URL(request.target, 'http://x').searchParams.get('after');
        sendJson(
          response,
          200,
          after
            ? list([jobObject({ id: 'ftjob-2' })])
            : list([jobObject({ id: 'ftjob-1' })], { has_more: true }),
        );
      } else if (request.target === '/v1/files' && request.method === 'POST') {
        const form = await new Response(new Uint8Array(request.body), {
          headers: { 'content-type': String(request.headers['content-type']) },
        }).formData();
        const file = form.get('file') as File;
        sendJson(response, 200, fileObject({ filename: file.name, bytes: file.size }));
      } else {
        sendJson(response, 404, {
          error: { message: 'no route', type: 'invalid_request_error', param: null, code: null },
        });
      }
    });
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-e2e-'));
    const path = join(dir, 'train.jsonl');
    await writeFile(path, '{"prompt":"a","completion":"b"}\n');
    const client = clientFor(server.url);

    const ids: string[] = [];
    for await (const job of client.jobs.list({ limit: 1 })) ids.push(job.id);
    const file = await client.files.create({ file: path, purpose: 'fine-tune' });

    expect(ids).toEqual(['ftjob-1', 'ftjob-2']);
    expect(file).toMatchObject({ filename: 'train.jsonl', bytes: 32 });
    expect(server.seen[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(server.seen[0]?.headers['user-agent']).toMatch(/^tunekit\//);
  });

  it('passes its dispatcher to a replaced global fetch that forwards to Node’s', async () => {
    // A wrapper such as an APM agent's: it forwards `dispatcher` (Node's pool without undici's
    // socket timeouts) to Node's built-in fetch, which must accept it.
    const native = globalThis.fetch;
    const forwarded: unknown[] = [];
    vi.stubGlobal('fetch', (input: string, init?: RequestInit & { dispatcher?: unknown }) => {
      forwarded.push(init?.dispatcher);
      return native(input, init);
    });
    try {
      const server = await serve((_request, response) => sendJson(response, 200, jobObject()));

      const job = await clientFor(server.url).jobs.retrieve('ftjob-abc123');

      expect(job.id).toBe('ftjob-abc123');
      expect(forwarded).toHaveLength(1);
      expect(typeof (forwarded[0] as { dispatch?: unknown }).dispatch).toBe('function');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('retries after the server resets the connection', async () => {
    let n = 0;
    const server = await serve((_request, response) => {
      n += 1;
      if (n === 1) response.socket?.destroy();
      else sendJson(response, 200, jobObject());
    });

    const job = await clientFor(server.url).jobs.retrieve('ftjob-abc123');

    expect(job.id).toBe('ftjob-abc123');
    expect(server.seen).toHaveLength(2);
  });

  it('retries a response whose body is cut short', async () => {
    let n = 0;
    const server = await serve((_request, response) => {
      n += 1;
      if (n === 1) {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
        response.write('{"id":"ftjob-abc123","obj');
        setTimeout(() => response.socket?.destroy(), 10);
      } else {
        sendJson(response, 200, jobObject());
      }
    });

    const job = await clientFor(server.url).jobs.retrieve('ftjob-abc123');

    expect(job.object).toBe('fine_tuning.job');
    expect(server.seen).toHaveLength(2);
  });

  it('times out when headers are slow', async () => {
    const server = await serve((_request, response) => {
      setTimeout(() => sendJson(response, 200, jobObject()), 2_000);
    });

    const error = await clientFor(server.url, { timeout: 100, maxRetries: 0 })
      .jobs.retrieve('ftjob-abc123')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('times out when the body stalls after the headers', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id":');
    });

    const error = await clientFor(server.url, { timeout: 150, maxRetries: 0 })
      .jobs.retrieve('ftjob-abc123')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('retries an HTML 502 page from a proxy and reports it readably if it persists', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html', 'retry-after-ms': '1' });
      response.end('<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>');
    });

    const error = await clientFor(server.url, { maxRetries: 1 })
      .jobs.retrieve('ftjob-abc123')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toBe('502 Bad Gateway: 502 Bad Gateway nginx');
    expect(server.seen).toHaveLength(2);
  });

  it('streams server-sent events and reports a stream cut mid-way', async () => {
    const server = await serve((request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(sseEvent(chunk({ role: 'assistant', content: 'Hel' })));
      response.write(sseEvent(chunk({ content: 'lo' })));
      const body = JSON.parse(request.body.toString());
      if (body.messages[0].content === 'cut') {
        setTimeout(() => response.socket?.destroy(), 20);
      } else {
        response.write(sseEvent(chunk({}, { finish_reason: 'stop' })));
        response.end(sseEvent('[DONE]'));
      }
    });
    const client = clientFor(server.url);

    const whole = await client.chat.completions
      .stream({ model: 'm', messages: [{ role: 'user', content: 'ok' }] })
      .finalContent();
    const cut = await client.chat.completions
      .stream({ model: 'm', messages: [{ role: 'user', content: 'cut' }] })
      .finalContent()
      .catch((e: unknown) => e);

    expect(whole).toBe('Hello');
    expect(cut).toBeInstanceOf(APIConnectionError);
    expect((cut as Error).message).toMatch(
      /The event stream of POST .* (broke|ended) after 2 events/,
    );
  });

  it('says where it could not connect when nothing listens', async () => {
    const server = await serve(() => {});
    const url = server.url;
    await server.close();
    servers.pop();

    const error = await clientFor(url, { maxRetries: 0 })
      .models.list()
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toContain(`GET ${url}/v1/models`);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });
});
