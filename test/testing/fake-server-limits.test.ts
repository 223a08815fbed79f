/**
 * `tunekit fake-server`'s transport under hostile bodies, through a real socket to a fake in a
 * process of its own that measures its memory: requests that can be refused without their body
 * are refused unread, bodies are capped, uploads are held once.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_API_KEY } from '../support/fake-client.ts';
import { streamRequest } from '../support/socket-request.ts';

const MiB = 1024 ** 2;
const GiB = 1024 * MiB;

let child: ChildProcess;
let port: number;

/** The child's RSS growth (bytes, at its peak) since the last call. */
async function rssGrowth(): Promise<number> {
  const reply = once(child, 'message') as Promise<[{ baseline: number; peak: number }]>;
  child.send('rss');
  const [{ baseline, peak }] = await reply;
  return peak - baseline;
}

/** A request line and its headers, Host added. */
function head([requestLine, ...headers]: string[]): string {
  return [requestLine, 'Host: 127.0.0.1', ...headers].join('\r\n');
}

beforeAll(async () => {
  child = fork(new URL('../support/fake-server-child.ts', import.meta.url), {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = (await once(child, 'message')) as [{ port: number }];
  port = message.port;
  await rssGrowth(); // a fresh baseline after start-up
});

afterAll(async () => {
  if (!child || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.send('stop');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2_000))]);
  if (child.exitCode === null) child.kill();
});

describe('tunekit fake-server under large bodies (real socket, separate process)', () => {
  it('refuses an unauthenticated 1 GiB POST to an unknown path unread: 401, RSS flat', async () => {
    const result = await streamRequest(
      port,
      head([
        'POST /v1/no-such-path HTTP/1.1',
        'Content-Type: application/octet-stream',
        `Content-Length: ${GiB}`,
      ]),
      GiB,
    );
    const growth = await rssGrowth();
    expect(result.status).toBe(401);
    expect(result.answer).toContain("You didn't provide an API key");
    expect(result.sent, 'the server stopped taking the body').toBeLessThan(GiB);
    expect(growth, `RSS grew by ${(growth / MiB).toFixed(1)} MiB`).toBeLessThan(24 * MiB);
  });

  it('refuses an authenticated 1 GiB POST to an unknown path unread: 404, RSS flat', async () => {
    const result = await streamRequest(
      port,
      head([
        'POST /v1/no-such-path HTTP/1.1',
        `Authorization: Bearer ${TEST_API_KEY}`,
        `Content-Length: ${GiB}`,
      ]),
      GiB,
    );
    const growth = await rssGrowth();
    expect(result.status).toBe(404);
    expect(result.sent).toBeLessThan(GiB);
    expect(growth, `RSS grew by ${(growth / MiB).toFixed(1)} MiB`).toBeLessThan(24 * MiB);
  });

  it('refuses a JSON body announced over its 32 MiB cap with 413, before reading it', async () => {
    const result = await streamRequest(
      port,
      head([
        'POST /v1/fine_tuning/jobs HTTP/1.1',
        `Authorization: Bearer ${TEST_API_KEY}`,
        'Content-Type: application/json',
        `Content-Length: ${512 * MiB}`,
      ]),
      512 * MiB,
    );
    const growth = await rssGrowth();
    expect(result.status).toBe(413);
    expect(result.answer).toContain(`${512 * MiB} bytes; this endpoint takes up to ${32 * MiB}`);
    expect(growth, `RSS grew by ${(growth / MiB).toFixed(1)} MiB`).toBeLessThan(24 * MiB);
  });

  it('stops reading a chunked JSON body once it passes 32 MiB: 413', async () => {
    const result = await streamRequest(
      port,
      head([
        'POST /v1/chat/completions HTTP/1.1',
        `Authorization: Bearer ${TEST_API_KEY}`,
        'Content-Type: application/json',
        'Transfer-Encoding: chunked',
      ]),
      512 * MiB,
      { chunked: true },
    );
    const growth = await rssGrowth();
    expect(result.status).toBe(413);
    expect(result.answer).toContain(`more than ${32 * MiB} bytes`);
    expect(result.sent).toBeLessThan(512 * MiB);
    // What was read up to the cap, held while reading: about 32 MiB.
    expect(growth, `RSS grew by ${(growth / MiB).toFixed(1)} MiB`).toBeLessThan(80 * MiB);
  });

  it('holds a 64 MiB upload once, not as a request plus copies', async () => {
    const size = 64 * MiB;
    const form = new FormData();
    form.append('purpose', 'batch');
    form.append('file', new Blob([new Uint8Array(size).fill(7)]), 'big.jsonl');
    const response = await fetch(`http://127.0.0.1:${port}/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}` },
      body: form,
    });
    const file = (await response.json()) as { bytes: number; id: string };
    const growth = await rssGrowth();
    expect(response.status).toBe(200);
    expect(file.bytes).toBe(size);
    expect(growth, `RSS grew by ${(growth / MiB).toFixed(1)} MiB`).toBeLessThan(size * 1.75);

    const content = await fetch(`http://127.0.0.1:${port}/v1/files/${file.id}/content`, {
      headers: { authorization: `Bearer ${TEST_API_KEY}` },
    });
    const bytes = new Uint8Array(await content.arrayBuffer());
    expect(bytes.byteLength).toBe(size);
    expect(bytes.every((byte) => byte === 7)).toBe(true);
  });
});
