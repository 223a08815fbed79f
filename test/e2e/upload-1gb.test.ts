import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { TuneKit } from '../../src/index.ts';
import { startFakeServerProcess } from '../support/cli-process.ts';

const GIB = 1024 ** 3;
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** Writes about `bytes` bytes of JSONL, a chunk at a time. */
async function writeJsonl(path: string, bytes: number): Promise<number> {
  const line = `${JSON.stringify({
    messages: [
      { role: 'user', content: 'q'.repeat(400) },
      { role: 'assistant', content: 'a'.repeat(600) },
    ],
  })}\n`;
  const chunk = Buffer.from(line.repeat(Math.floor((4 * 1024 * 1024) / line.length)));
  const out = createWriteStream(path);
  let written = 0;
  while (written < bytes) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    written += chunk.length;
  }
  out.end();
  await finished(out);
  return written;
}

describe('a 1 GB upload through the Uploads API', () => {
  it('completes with peak RSS bounded by concurrency × part size, not by the file', async () => {
    // The fake runs in its own process, so the file it assembles does not count here.
    const server = await startFakeServerProcess();
    cleanups.push(server.stop);
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-1gb-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, 'huge.jsonl');
    const size = await writeJsonl(path, GIB);
    const client = new TuneKit({
      apiKey: 'sk-test-1gb-0123456789',
      baseURL: server.baseURL,
      logLevel: 'off',
    });
    cleanups.push(() => client.close());
    const partSize = 64 * 1024 * 1024;
    const concurrency = 3;

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    let file: Awaited<ReturnType<typeof client.uploads.uploadFile>>;
    try {
      file = await client.uploads.uploadFile(path, { purpose: 'fine-tune', partSize, concurrency });
    } finally {
      clearInterval(sampler);
    }

    const growth = peak - baseline;
    console.info(
      `uploaded ${(size / GIB).toFixed(2)} GiB in 64 MiB parts; RSS grew ${(growth / 2 ** 20).toFixed(0)} MiB at peak`,
    );
    expect(file.bytes).toBe(size);
    expect(file.status).toBe('processed');
    expect(growth).toBeLessThan(concurrency * partSize);
  }, 180_000);
});
