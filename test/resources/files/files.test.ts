import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, JsonlParseError } from '../../../src/index.ts';
import { testClient } from '../../support/client.ts';
import { BASE_URL, TEST_KEY } from '../../support/constants.ts';
import { fileObject, list } from '../../support/fixtures.ts';
import { useMockAPI } from '../../support/mock-api.ts';

const api = useMockAPI();
const JSONL =
  '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}\n';

async function tempFile(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tunekit-files-'));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('files.create', () => {
  it('uploads a file from a path as multipart with its name and purpose', async () => {
    api.use(
      http.post(`${BASE_URL}/files`, () => HttpResponse.json(fileObject({ id: 'file-new' }))),
    );
    const path = await tempFile('train.jsonl', JSONL);

    const file = await testClient().files.create({ file: path, purpose: 'fine-tune' });

    expect(file.id).toBe('file-new');
    const [call] = await api.calls();
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/v1/files');
    expect(call?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(call?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(call?.body).toEqual({
      purpose: 'fine-tune',
      file: { filename: 'train.jsonl', bytes: JSONL.length, type: expect.any(String), text: JSONL },
    });
  });

  it('uploads bytes, a Blob, a web stream and a Node stream with the given filename', async () => {
    api.use(http.post(`${BASE_URL}/files`, () => HttpResponse.json(fileObject())));
    const client = testClient();
    const sources = [
      new TextEncoder().encode(JSONL),
      new Blob([JSONL]),
      new Blob([JSONL]).stream(),
      Readable.from([Buffer.from(JSONL)]),
    ];

    for (const file of sources) {
      await client.files.create({ file, purpose: 'fine-tune', filename: 'named.jsonl' });
    }

    const calls = await api.calls();
    expect(calls).toHaveLength(4);
    for (const call of calls) {
      expect(call.body).toEqual({
        purpose: 'fine-tune',
        file: {
          filename: 'named.jsonl',
          bytes: JSONL.length,
          type: expect.any(String),
          text: JSONL,
        },
      });
    }
  });

  it('sends expires_after as bracketed form fields', async () => {
    api.use(http.post(`${BASE_URL}/files`, () => HttpResponse.json(fileObject())));

    await testClient().files.create({
      file: new Blob([JSONL]),
      purpose: 'batch',
      expires_after: { anchor: 'created_at', seconds: 3600 },
    });

    const [call] = await api.calls();
    expect(call?.body).toMatchObject({
      purpose: 'batch',
      'expires_after[anchor]': 'created_at',
      'expires_after[seconds]': '3600',
      file: { filename: 'data.jsonl' },
    });
  });

  it('rejects a path that does not exist before sending anything', async () => {
    const missing = join(tmpdir(), 'tunekit-no-such-file.jsonl');

    const attempt = testClient().files.create({ file: missing, purpose: 'fine-tune' });

    await expect(attempt).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(attempt).rejects.toThrow(`Cannot upload ${missing}: no such file.`);
    expect(await api.calls()).toHaveLength(0);
  });
});

describe('files.list', () => {
  it('sends the filters as query parameters and returns one page', async () => {
    api.use(
      http.get(`${BASE_URL}/files`, () =>
        HttpResponse.json(
          list([fileObject({ id: 'file-1' })], { first_id: 'file-1', last_id: 'file-1' }),
        ),
      ),
    );

    const page = await testClient().files.list({ purpose: 'fine-tune', order: 'asc', limit: 5 });

    expect(page.data.map((f) => f.id)).toEqual(['file-1']);
    expect(page.hasNextPage()).toBe(false);
    const [call] = await api.calls();
    expect(call?.query).toEqual({ purpose: 'fine-tune', order: 'asc', limit: '5' });
  });

  it('walks every page lazily with the last id as the cursor', async () => {
    const pages: Record<string, ReturnType<typeof list>> = {
      first: list([fileObject({ id: 'file-1' }), fileObject({ id: 'file-2' })], { has_more: true }),
      'file-2': list([fileObject({ id: 'file-3' })], { has_more: true }),
      'file-3': list([], { has_more: false }),
    };
    api.use(
      http.get(`${BASE_URL}/files`, ({ request }) => {
        const after = new URL(request.url).searchParams.get('after') ?? 'first';
        return HttpResponse.json(pages[after]);
      }),
    );

    const ids: string[] = [];
    for await (const file of testClient().files.list({ limit: 2 })) ids.push(file.id);

    expect(ids).toEqual(['file-1', 'file-2', 'file-3']);
    const calls = await api.calls();
    expect(calls.map((c) => c.query)).toEqual([
      { limit: '2' },
      { limit: '2', after: 'file-2' },
      { limit: '2', after: 'file-3' },
    ]);
  });
});

describe('files.retrieve / delete', () => {
  it('retrieves a file by id and exposes the request id', async () => {
    api.use(
      http.get(`${BASE_URL}/files/file-abc123`, () =>
        HttpResponse.json(fileObject(), { headers: { 'x-request-id': 'req_files_1' } }),
      ),
    );

    const file = await testClient().files.retrieve('file-abc123');

    expect(file.filename).toBe('train.jsonl');
    expect(file._request_id).toBe('req_files_1');
    expect(Object.keys(file)).not.toContain('_request_id');
  });

  it('deletes a file', async () => {
    api.use(
      http.delete(`${BASE_URL}/files/file-abc123`, () =>
        HttpResponse.json({ id: 'file-abc123', object: 'file', deleted: true }),
      ),
    );

    const result = await testClient().files.delete('file-abc123');

    expect(result.deleted).toBe(true);
    const [call] = await api.calls();
    expect(call?.method).toBe('DELETE');
  });

  it('refuses an empty id instead of calling the list endpoint', () => {
    expect(() => testClient().files.retrieve('')).toThrow(InvalidArgumentError);
    expect(() => testClient().files.retrieve('')).toThrow(/fileId/);
  });
});

describe('files.content / text / jsonl', () => {
  it('streams the content as a Response', async () => {
    api.use(http.get(`${BASE_URL}/files/file-abc123/content`, () => new HttpResponse(JSONL)));

    const response = await testClient().files.content('file-abc123');

    expect(response.body).toBeInstanceOf(ReadableStream);
    expect(await response.text()).toBe(JSONL);
  });

  it('returns the text and parses JSONL line by line', async () => {
    const body = `${JSONL}\n{"prompt":"a","completion":"b"}\r\n`;
    api.use(http.get(`${BASE_URL}/files/file-abc123/content`, () => new HttpResponse(body)));
    const client = testClient();

    expect(await client.files.text('file-abc123')).toBe(body);
    const rows: unknown[] = [];
    for await (const row of client.files.jsonl('file-abc123')) rows.push(row);
    expect(rows).toEqual([JSON.parse(JSONL), { prompt: 'a', completion: 'b' }]);
  });

  it('names the line of a JSONL file that is not JSON', async () => {
    api.use(
      http.get(`${BASE_URL}/files/file-bad/content`, () => new HttpResponse(`${JSONL}{"oops": \n`)),
    );

    const read = async () => {
      for await (const _ of testClient().files.jsonl('file-bad')) {
        // consume
      }
    };

    await expect(read()).rejects.toBeInstanceOf(JsonlParseError);
    await expect(read()).rejects.toMatchObject({ line: 2, fileId: 'file-bad' });
  });
});
