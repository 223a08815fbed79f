import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { TuneKit } from '../../src/index.ts';
import { TEST_KEY } from '../support/constants.ts';
import { fileObject } from '../support/fixtures.ts';
import { sendJson, startLoopbackServer } from '../support/loopback-server.ts';
import { withPeakRssGrowth } from '../support/peak-rss.ts';

const FILE_BYTES = 100 * 1024 * 1024;
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Writes a JSONL file of about `bytes` bytes without holding it in memory. */
async function writeLargeJsonl(path: string, bytes: number): Promise<number> {
  const line = `${JSON.stringify({
    messages: [
      { role: 'system', content: 'You are a helpful support agent.' },
      { role: 'user', content: 'Where is my order? '.repeat(20) },
      { role: 'assistant', content: 'It ships today. '.repeat(20) },
    ],
  })}\n`;
  const out = createWriteStream(path);
  let written = 0;
  while (written < bytes) {
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    written += Buffer.byteLength(line);
  }
  out.end();
  await finished(out);
  return written;
}

describe('multipart upload of a large file', () => {
  it('streams 100 MB from disk with RSS growth far below the file size', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-big-'));
    dirs.push(dir);
    const path = join(dir, 'big.jsonl');
    const size = await writeLargeJsonl(path, FILE_BYTES);
    let received = 0;
    const server = await startLoopbackServer(
      async (_request, response, raw) => {
        for await (const chunk of raw) received += (chunk as Buffer).length;
        sendJson(response, 200, fileObject({ bytes: size, filename: 'big.jsonl' }));
      },
      { streamBody: true },
    );
    const client = new TuneKit({ apiKey: TEST_KEY, baseURL: `${server.url}/v1`, logLevel: 'off' });

    const { result: file, growth } = await withPeakRssGrowth(() =>
      client.files.create({ file: path, purpose: 'fine-tune' }),
    ).finally(async () => {
      await client.close();
      await server.close();
    });

    expect(file.bytes).toBe(size);
    // The whole multipart body went over the socket: the file plus the envelope.
    expect(received).toBeGreaterThan(size);
    expect(growth).toBeLessThan(size / 4);
    console.info(
      `uploaded ${(size / 2 ** 20).toFixed(0)} MiB; RSS grew ${(growth / 2 ** 20).toFixed(1)} MiB at peak`,
    );
  }, 60_000);
});
