import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportAll, TuneKit } from '../../src/index.ts';
import { TEST_KEY } from '../support/constants.ts';
import { fileObject, jobObject, list } from '../support/fixtures.ts';
import { sendJson, startLoopbackServer } from '../support/loopback-server.ts';
import { withPeakRssGrowth } from '../support/peak-rss.ts';

const FILE_BYTES = 800 * 1024 * 1024;
const CHUNK = Buffer.alloc(1024 * 1024, 'x');
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('exportAll of a large file', () => {
  it('streams 800 MB to disk with RSS growth far below the file size', async () => {
    const job = jobObject({ id: 'ftjob-big', status: 'succeeded', training_file: 'file-big' });
    const big = fileObject({ id: 'file-big', bytes: FILE_BYTES, filename: 'big.jsonl' });
    const server = await startLoopbackServer(async (request, response) => {
      const url = new URL(request.target, 'http://x');
      if (url.pathname === '/v1/files/file-big/content') {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        for (let sent = 0; sent < FILE_BYTES; sent += CHUNK.length) {
          if (!response.write(CHUNK)) await new Promise((r) => response.once('drain', r));
        }
        response.end();
        return;
      }
      const answers: Record<string, unknown> = {
        '/v1/fine_tuning/jobs': list([job]),
        '/v1/files': list(url.searchParams.get('purpose') === 'fine-tune' ? [big] : []),
        '/v1/fine_tuning/jobs/ftjob-big/events': list([]),
        '/v1/fine_tuning/jobs/ftjob-big/checkpoints': list([]),
      };
      const answer = answers[url.pathname];
      if (answer) sendJson(response, 200, answer);
      else sendJson(response, 404, { error: { message: `no ${url.pathname}` } });
    });
    const client = new TuneKit({ apiKey: TEST_KEY, baseURL: `${server.url}/v1`, logLevel: 'off' });
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-export-big-'));
    dirs.push(dir);

    const { result, growth } = await withPeakRssGrowth(() => exportAll(client, dir)).finally(
      async () => {
        await client.close();
        await server.close();
      },
    );

    const copy = result.manifest.files['file-big'];
    expect(copy?.bytes).toBe(FILE_BYTES);
    expect((await stat(join(dir, copy?.path ?? ''))).size).toBe(FILE_BYTES);
    expect(growth).toBeLessThan(FILE_BYTES / 4);
    console.info(
      `exported ${(FILE_BYTES / 2 ** 20).toFixed(0)} MiB; RSS grew ${(growth / 2 ** 20).toFixed(1)} MiB at peak`,
    );
  }, 60_000);
});
