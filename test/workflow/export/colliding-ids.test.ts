import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { exportAll, TuneKit } from '../../../src/index.ts';
import { sendJson, startLoopbackServer } from '../../support/loopback-server.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

/** Two files whose ids clean up to the same path segment, each with its own content. */
const CONTENT: Record<string, string> = {
  'file-a:b': '{"from":"colon"}\n',
  'file-a_b': '{"from":"underscore"}\n',
};
/** An id no request may carry: it is listed, but never asked for. */
const UNSAFE_ID = 'file-a/b';

it('exports files whose ids clean up alike to different paths, and the manifest tells them apart', async () => {
  const server = await startLoopbackServer((request, response) => {
    const url = new URL(request.target, 'http://127.0.0.1');
    if (url.pathname === '/v1/fine_tuning/jobs') {
      return sendJson(response, 200, { object: 'list', data: [], has_more: false });
    }
    if (url.pathname === '/v1/files') {
      const data =
        url.searchParams.get('purpose') === 'fine-tune'
          ? [...Object.keys(CONTENT), UNSAFE_ID].map((id) => ({
              id,
              object: 'file',
              bytes: CONTENT[id]?.length ?? 1,
              created_at: 1_700_000_000,
              filename: 'train.jsonl',
              purpose: 'fine-tune',
            }))
          : [];
      return sendJson(response, 200, { object: 'list', data, has_more: false });
    }
    const content = /^\/v1\/files\/([^/]+)\/content$/.exec(url.pathname);
    const text = content ? CONTENT[decodeURIComponent(content[1] ?? '')] : undefined;
    if (text === undefined) return sendJson(response, 404, { error: { message: 'no such thing' } });
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    response.end(text);
  });
  cleanup.push(() => server.close());
  const dir = await mkdtemp(join(tmpdir(), 'tunekit-export-ids-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const client = new TuneKit({ apiKey: 'sk-test', baseURL: `${server.url}/v1`, maxRetries: 0 });

  const { manifest, problems } = await exportAll(client, dir);

  const paths = Object.keys(CONTENT).map((id) => manifest.files[id]?.path ?? '');
  expect(new Set(paths).size).toBe(2);
  for (const [id, text] of Object.entries(CONTENT)) {
    expect(await readFile(join(dir, manifest.files[id]?.path ?? 'missing'), 'utf8')).toBe(text);
  }
  // The id with a slash is a problem of that file, not the end of the export.
  expect(problems).toEqual([
    {
      id: UNSAFE_ID,
      what: 'file',
      message: expect.stringContaining('cannot be part of one path segment'),
    },
  ]);
  expect(server.seen.some((request) => request.target.includes('file-a%2F'))).toBe(false);
});
