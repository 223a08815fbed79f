import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { APIConnectionError, APIConnectionTimeoutError, TuneKit } from '../../src/index.ts';
import { memoryLogger } from '../support/client.ts';
import { TEST_KEY } from '../support/constants.ts';
import { jobObject } from '../support/fixtures.ts';
import { sendJson, startLoopbackServer } from '../support/loopback-server.ts';

// Downloads whose body breaks off or stalls half-way, from a real server: the failure must be
// typed, and text/jsonl (which read the whole body for the caller) retried or resumed.

const LINES = Array.from({ length: 200 }, (_, i) => JSON.stringify({ n: i, pad: 'x'.repeat(40) }));
const CONTENT = `${LINES.join('\n')}\n`;
const HALF = Math.floor(CONTENT.length / 2);

type Misbehaviour = 'reset' | 'stall' | 'none';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Serves CONTENT for /files/{id}/content, misbehaving on the first `bad` requests. */
async function fileServer(misbehaviour: Misbehaviour, bad = 1) {
  let served = 0;
  const send = (response: ServerResponse, body: string) => {
    served += 1;
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    if (misbehaviour === 'none' || served > bad) {
      response.end(body);
      return;
    }
    response.write(body.slice(0, HALF));
    if (misbehaviour === 'reset') setTimeout(() => response.socket?.destroy(), 20);
    // 'stall': the rest never comes.
  };
  const server = await startLoopbackServer((request, response) => {
    if (request.target.endsWith('/content')) {
      send(response, CONTENT);
    } else if (request.target.endsWith('/fine_tuning/jobs/ftjob-1')) {
      sendJson(
        response,
        200,
        jobObject({ id: 'ftjob-1', status: 'succeeded', result_files: ['file-res'] }),
      );
    } else {
      sendJson(response, 404, { error: { message: 'no route' } });
    }
  });
  servers.push(server);
  return server;
}

function clientFor(url: string, options: ConstructorParameters<typeof TuneKit>[0] = {}) {
  return new TuneKit({ apiKey: TEST_KEY, baseURL: `${url}/v1`, logLevel: 'off', ...options });
}

const contentRequests = (server: { seen: Array<{ target: string }> }) =>
  server.seen.filter((r) => r.target.endsWith('/content')).length;

describe.each(['reset', 'stall'] as const)('a download that breaks off (%s) half-way', (kind) => {
  const options = { timeout: 400 };
  const expected = kind === 'reset' ? APIConnectionError : APIConnectionTimeoutError;

  it('files.text is retried and returns the whole file', async () => {
    const server = await fileServer(kind);
    const text = await clientFor(server.url, options).files.text('file-1');
    expect(text).toBe(CONTENT);
    expect(contentRequests(server)).toBe(2);
  });

  it('files.text fails with a typed error once retries run out', async () => {
    const server = await fileServer(kind, 99);
    const started = performance.now();
    const error = await clientFor(server.url, { ...options, maxRetries: 1 })
      .files.text('file-1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(expected);
    expect(contentRequests(server)).toBe(2);
    console.info(
      `files.text, ${kind}: typed error after 2 requests in ${Math.round(performance.now() - started)} ms`,
    );
  });

  it('files.jsonl resumes: every line once, none lost', async () => {
    const server = await fileServer(kind);
    const { logger, lines: logged } = memoryLogger();
    const seen: unknown[] = [];
    for await (const line of clientFor(server.url, {
      ...options,
      logger,
      logLevel: 'warn',
    }).files.jsonl('file-1')) {
      seen.push(line);
    }
    expect(seen).toEqual(LINES.map((line) => JSON.parse(line)));
    expect(contentRequests(server)).toBe(2);
    expect(logged.some((l) => l.message.includes('skipping those'))).toBe(true);
  });

  it('files.content hands over a body whose failure is typed', async () => {
    const server = await fileServer(kind, 99);
    const response = await clientFor(server.url, options).files.content('file-1');
    const error = await response.text().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(expected);
    if (kind === 'reset') expect((error as Error).message).toMatch(/broke off after \d+ bytes/);
  });

  it('jobs.metrics survives it (it reads the result file with files.text)', async () => {
    const server = await fileServer(kind);
    const rows = await clientFor(server.url, options)
      .jobs.metrics('ftjob-1')
      .catch((e: unknown) => e);
    // The content is not CSV, so parsing fails — but only after the download succeeded.
    expect(rows).not.toBeInstanceOf(APIConnectionError);
    expect(contentRequests(server)).toBe(2);
  });
});
