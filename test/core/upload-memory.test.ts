import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileObject } from '../support/fixtures.ts';
import { sendJson, startLoopbackServer } from '../support/loopback-server.ts';

const MiB = 2 ** 20;
/** The promise: a streamed upload from a path grows RSS by less than this, whatever its size. */
const ALLOWED_GROWTH = 15 * MiB;
const CHILD = fileURLToPath(new URL('../support/upload-rss-child.ts', import.meta.url));

/** Writes a JSONL-looking file of `bytes` bytes without holding it in memory. */
async function writeFile(path: string, bytes: number): Promise<void> {
  const line = Buffer.from(
    `${JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(200) }] })}\n`,
  );
  const out = createWriteStream(path);
  for (let written = 0; written < bytes; written += line.length) {
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
}

let dir: string;
let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tunekit-upload-rss-'));
  await Promise.all([
    writeFile(join(dir, 'warm.jsonl'), 8 * MiB),
    writeFile(join(dir, 'small.jsonl'), 48 * MiB),
    writeFile(join(dir, 'large.jsonl'), 192 * MiB),
  ]);
  server = await startLoopbackServer(
    async (_request, response, raw) => {
      let bytes = 0;
      for await (const chunk of raw) bytes += (chunk as Buffer).length;
      sendJson(response, 200, fileObject({ bytes }));
    },
    { streamBody: true },
  );
}, 120_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function uploadInChild(file: string) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [CHILD, `${server.url}/v1`, join(dir, 'warm.jsonl'), join(dir, file)],
    { encoding: 'utf8' },
  );
  return JSON.parse(stdout) as { bytes: number; growth: number; seconds: number };
}

describe('a streamed multipart upload from a path', () => {
  it(`grows RSS by less than ${ALLOWED_GROWTH / MiB} MiB, whatever the size (measured in a fresh process)`, async () => {
    const small = await uploadInChild('small.jsonl');
    const large = await uploadInChild('large.jsonl');
    for (const [name, run, size] of [
      ['48 MiB', small, 48 * MiB],
      ['192 MiB', large, 192 * MiB],
    ] as const) {
      console.info(
        `upload ${name}: RSS +${(run.growth / MiB).toFixed(1)} MiB at peak, ${(size / MiB / run.seconds).toFixed(0)} MiB/s`,
      );
      // The whole body went over the socket: the file plus the multipart envelope.
      expect(run.bytes).toBeGreaterThan(size);
      expect(run.growth).toBeLessThan(ALLOWED_GROWTH);
    }
    // Four times the file, not four times the memory.
    expect(large.growth - small.growth).toBeLessThan(8 * MiB);
  }, 120_000);
});
