import type { ServerResponse } from 'node:http';
import { constants, createGzip } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  InternalServerError,
  ResponseTooLargeError,
  TuneKit,
  type TuneKitError,
} from '../../src/index.ts';
import { TEST_KEY } from '../support/constants.ts';
import { jobObject } from '../support/fixtures.ts';
import { sendJson, startLoopbackServer } from '../support/loopback-server.ts';
import { withPeakRssGrowth } from '../support/peak-rss.ts';

const MB = 2 ** 20;
const HUGE = 200 * MB;
const DEFAULT_LIMIT = 16 * MB;

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Writes `bytes` bytes of a JSON-looking body in 1 MiB chunks, as long as the client reads. */
async function writeHuge(response: ServerResponse, bytes: number): Promise<void> {
  const piece = Buffer.alloc(MB, 0x20);
  piece[0] = 0x5b; // '['
  for (let sent = 0; sent < bytes && !response.destroyed; sent += MB) {
    if (!response.write(piece)) {
      await new Promise<void>((resolve) => {
        response.once('drain', resolve);
        response.once('close', resolve);
      });
    }
  }
  response.end();
}

/** 200 MiB of spaces, gzip-compressed (about 200 KB): a decompression bomb. */
let bomb: Buffer;
beforeAll(async () => {
  const gzip = createGzip({ level: constants.Z_BEST_COMPRESSION });
  const parts: Buffer[] = [];
  gzip.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(MB, 0x20);
  for (let i = 0; i < HUGE / MB; i += 1) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
  bomb = Buffer.concat(parts);
});

async function serve(handler: Parameters<typeof startLoopbackServer>[0]) {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  return server;
}

function clientFor(url: string, options: ConstructorParameters<typeof TuneKit>[0] = {}) {
  return new TuneKit({ apiKey: TEST_KEY, baseURL: `${url}/v1`, logLevel: 'off', ...options });
}

/** Runs a request that must fail, with its error, time and RSS growth. */
async function measure(request: () => Promise<unknown>) {
  const started = performance.now();
  const { result: error, growth } = await withPeakRssGrowth(() =>
    request().then(
      () => undefined,
      (e: unknown) => e,
    ),
  );
  return { error: error as TuneKitError, ms: performance.now() - started, growthMB: growth / MB };
}

describe('the limit on parsed response bodies (maxResponseBytes, default 16 MiB)', () => {
  it('refuses a 200 MiB JSON body by its content-length, before reading it, once', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': HUGE });
      void writeHuge(response, HUGE);
    });

    const { error, ms, growthMB } = await measure(() =>
      clientFor(server.url).jobs.retrieve('ftjob-1'),
    );

    expect(error).toBeInstanceOf(ResponseTooLargeError);
    const tooLarge = error as ResponseTooLargeError;
    expect(tooLarge.declared).toBe(HUGE);
    expect(tooLarge.limit).toBe(DEFAULT_LIMIT);
    expect(tooLarge.message).toContain(`declares ${HUGE} bytes (200 MiB)`);
    expect(tooLarge.message).toContain('GET');
    expect(server.seen).toHaveLength(1);
    expect(growthMB).toBeLessThan(64);
    console.info(
      `200 MiB declared: failed in ${Math.round(ms)} ms, 1 request, RSS +${growthMB.toFixed(1)} MiB`,
    );
  });

  it('stops reading an undeclared (chunked) 200 MiB body at the limit', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      void writeHuge(response, HUGE);
    });

    const { error, ms, growthMB } = await measure(() =>
      clientFor(server.url).jobs.retrieve('ftjob-1'),
    );

    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).received).toBeGreaterThan(DEFAULT_LIMIT);
    expect((error as ResponseTooLargeError).received).toBeLessThan(DEFAULT_LIMIT + MB);
    expect(server.seen).toHaveLength(1);
    expect(growthMB).toBeLessThan(96);
    console.info(
      `200 MiB chunked: failed in ${Math.round(ms)} ms, 1 request, RSS +${growthMB.toFixed(1)} MiB`,
    );
  });

  it('does not inflate a gzip bomb past the limit', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': bomb.length,
      });
      response.end(bomb);
    });

    const { error, ms, growthMB } = await measure(() =>
      clientFor(server.url).jobs.retrieve('ftjob-1'),
    );

    expect(bomb.length).toBeLessThan(MB);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).received).toBeLessThan(DEFAULT_LIMIT + MB);
    expect(server.seen).toHaveLength(1);
    expect(growthMB).toBeLessThan(96);
    console.info(
      `gzip bomb ${Math.round(bomb.length / 1024)} KiB → 200 MiB: failed in ${Math.round(ms)} ms, 1 request, RSS +${growthMB.toFixed(1)} MiB`,
    );
  });

  it('applies to error bodies, and a 5xx too large is not retried', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/html' });
      void writeHuge(response, HUGE);
    });

    const { error, growthMB } = await measure(() =>
      clientFor(server.url, { maxRetries: 2 }).jobs.retrieve('ftjob-1'),
    );

    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).status).toBe(500);
    expect(server.seen).toHaveLength(1);
    expect(growthMB).toBeLessThan(96);
  });

  it('is configurable, and does not apply to file downloads', async () => {
    const content = `${'{"messages":[]}\n'.repeat(1000)}`;
    const server = await serve((request, response) => {
      if (request.target.endsWith('/content')) {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.end(content);
      } else if (request.target.includes('small-error')) {
        sendJson(response, 500, { error: { message: 'x'.repeat(100) } });
      } else {
        sendJson(response, 200, jobObject());
      }
    });
    const client = clientFor(server.url, { maxResponseBytes: 200, maxRetries: 0 });

    const job = await client.jobs.retrieve('ftjob-1').catch((e: unknown) => e);
    const text = await client.files.text('file-1');
    const lines = [];
    for await (const line of client.files.jsonl('file-1')) lines.push(line);
    const small = await client.jobs.retrieve('small-error').catch((e: unknown) => e);

    expect(job).toBeInstanceOf(ResponseTooLargeError);
    expect((job as ResponseTooLargeError).limit).toBe(200);
    expect(text.length).toBe(content.length);
    expect(lines).toHaveLength(1000);
    expect(small).toBeInstanceOf(InternalServerError);
    expect(() => clientFor(server.url, { maxResponseBytes: 0 })).toThrow(
      'Invalid maxResponseBytes 0',
    );
  });

  it('applies to each server-sent event: one that never ends stops at the limit', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(
        `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [] })}\n\n`,
      );
      // An event that never ends: no blank line, ever.
      const piece = `data: ${'x'.repeat(1024)}\n`;
      const timer = setInterval(() => response.write(piece), 1);
      response.on('close', () => clearInterval(timer));
    });
    const client = clientFor(server.url, { maxResponseBytes: 64 * 1024 });
    const chunks: unknown[] = [];

    const error = await (async () => {
      for await (const chunk of client.chat.completions.stream({ model: 'm', messages: [] })) {
        chunks.push(chunk);
      }
    })().catch((e: unknown) => e);

    expect(chunks).toHaveLength(1);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).received).toBeGreaterThan(64 * 1024);
  });
});
