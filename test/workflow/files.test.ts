import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  FileProcessingError,
  type UploadProgress,
  type UploadState,
  WaitTimeoutError,
} from '../../src/index.ts';
import { testClient } from '../support/client.ts';
import { BASE_URL } from '../support/constants.ts';
import { fileObject } from '../support/fixtures.ts';
import { useMockAPI } from '../support/mock-api.ts';

const api = useMockAPI();

async function tempFile(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tunekit-wf-'));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('files.waitForProcessing', () => {
  function statuses(...sequence: Array<Record<string, unknown>>) {
    let n = 0;
    api.use(
      http.get(`${BASE_URL}/files/file-1`, () => {
        const next = sequence[Math.min(n, sequence.length - 1)];
        n += 1;
        return HttpResponse.json(fileObject({ id: 'file-1', ...next }));
      }),
    );
  }

  it('polls until the file is processed', async () => {
    statuses({ status: 'uploaded' }, { status: 'uploaded' }, { status: 'processed' });

    const file = await testClient().files.waitForProcessing('file-1', { pollInterval: 1 });

    expect(file.status).toBe('processed');
    expect(await api.calls()).toHaveLength(3);
  });

  it('returns at once for a provider that reports no status', async () => {
    statuses({ status: undefined });

    const file = await testClient().files.waitForProcessing('file-1');

    expect(file.id).toBe('file-1');
  });

  it('throws the reason of a rejected file', async () => {
    statuses({ status: 'error', status_details: 'Invalid file format: line 4 is not JSON' });

    await expect(testClient().files.waitForProcessing('file-1')).rejects.toThrow(
      new FileProcessingError('file-1', 'Invalid file format: line 4 is not JSON'),
    );
  });

  it('times out saying what it waited for', async () => {
    statuses({ status: 'uploaded' });

    const error = await testClient()
      .files.waitForProcessing('file-1', { timeout: 50, pollInterval: 10 })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as Error).message).toBe(
      'Timed out after 50 ms waiting for file file-1 to be processed (last status: uploaded)',
    );
  });
});

/** An Uploads API in msw that stores parts and assembles them as the real one does. */
function uploadsBackend(options: { failPart?: (attempt: number) => boolean } = {}) {
  const parts = new Map<string, Buffer>();
  let expected = 0;
  let partAttempts = 0;
  const completed: { partIds: string[]; md5?: string; content?: Buffer } = { partIds: [] };
  api.use(
    http.post(`${BASE_URL}/uploads`, async ({ request }) => {
      const body = (await request.json()) as { bytes: number; filename: string; mime_type: string };
      expected = body.bytes;
      return HttpResponse.json({
        id: 'upload_1',
        object: 'upload',
        bytes: body.bytes,
        created_at: 1,
        filename: body.filename,
        purpose: 'fine-tune',
        status: 'pending',
      });
    }),
    http.post(`${BASE_URL}/uploads/upload_1/parts`, async ({ request }) => {
      partAttempts += 1;
      if (options.failPart?.(partAttempts)) {
        return HttpResponse.json(
          { error: { message: 'part failed' } },
          { status: 500, headers: { 'retry-after-ms': '1' } },
        );
      }
      const form = await request.formData();
      const data = Buffer.from(await (form.get('data') as File).arrayBuffer());
      const id = `part_${parts.size + 1}`;
      parts.set(id, data);
      return HttpResponse.json({ id, object: 'upload.part', created_at: 1, upload_id: 'upload_1' });
    }),
    http.post(`${BASE_URL}/uploads/upload_1/complete`, async ({ request }) => {
      const body = (await request.json()) as { part_ids: string[]; md5?: string };
      const content = Buffer.concat(body.part_ids.map((id) => parts.get(id) ?? Buffer.alloc(0)));
      Object.assign(completed, { partIds: body.part_ids, md5: body.md5, content });
      if (content.length !== expected) {
        return HttpResponse.json({ error: { message: 'byte count mismatch' } }, { status: 400 });
      }
      return HttpResponse.json({
        id: 'upload_1',
        object: 'upload',
        bytes: expected,
        created_at: 1,
        filename: 'big.jsonl',
        purpose: 'fine-tune',
        status: 'completed',
        file: fileObject({ id: 'file-assembled', bytes: expected }),
      });
    }),
  );
  return { parts, completed };
}

describe('uploads.uploadFile', () => {
  const content = Buffer.from(Array.from({ length: 1000 }, (_, i) => `{"n":${i}}\n`).join(''));

  it('sends the file in parts, completes them in order with the md5 and reports progress', async () => {
    const backend = uploadsBackend();
    const path = await tempFile('big.jsonl', content);
    const progress: UploadProgress[] = [];

    const file = await testClient().uploads.uploadFile(path, {
      purpose: 'fine-tune',
      partSize: 1024,
      concurrency: 3,
      onProgress: (p) => progress.push(p),
    });

    expect(file.id).toBe('file-assembled');
    expect(backend.completed.content?.equals(content)).toBe(true);
    expect(backend.completed.md5).toBe(createHash('md5').update(content).digest('hex'));
    expect(backend.parts.size).toBe(Math.ceil(content.length / 1024));
    expect(progress.at(-1)).toEqual({
      bytesSent: content.length,
      totalBytes: content.length,
      partsDone: backend.parts.size,
      partsTotal: backend.parts.size,
    });
    const create = (await api.calls())[0];
    expect(create?.body).toEqual({
      filename: 'big.jsonl',
      purpose: 'fine-tune',
      bytes: content.length,
      mime_type: 'application/jsonl',
    });
  });

  it('retries a part that fails twice by reading it from disk again', async () => {
    const backend = uploadsBackend({ failPart: (attempt) => attempt <= 2 });
    const path = await tempFile('big.jsonl', content);

    await testClient().uploads.uploadFile(path, {
      purpose: 'fine-tune',
      partSize: 4096,
      concurrency: 1,
    });

    expect(backend.completed.content?.equals(content)).toBe(true);
  });

  it('resumes from a saved state without sending finished parts again', async () => {
    const backend = uploadsBackend({ failPart: (attempt) => attempt === 3 });
    const path = await tempFile('big.jsonl', content);
    const states: UploadState[] = [];
    const client = testClient({ maxRetries: 0 });

    // First run: the third part fails and the upload stops.
    await expect(
      client.uploads.uploadFile(path, {
        purpose: 'fine-tune',
        partSize: 2048,
        concurrency: 1,
        onState: (state) => {
          states.push(state);
        },
      }),
    ).rejects.toThrow('part failed');
    const saved = states.at(-1) as UploadState;
    const sentBefore = backend.parts.size;

    // Second run, from the saved state.
    const file = await client.uploads.uploadFile(path, {
      purpose: 'fine-tune',
      resume: saved,
      concurrency: 1,
    });

    expect(file.id).toBe('file-assembled');
    expect(saved.partIds.filter(Boolean)).toHaveLength(2);
    expect(backend.parts.size - sentBefore).toBe(saved.partIds.length - 2);
    expect(backend.completed.content?.equals(content)).toBe(true);
  });

  it('refuses to resume with a file whose size changed', async () => {
    uploadsBackend();
    const path = await tempFile('big.jsonl', content);

    await expect(
      testClient().uploads.uploadFile(path, {
        purpose: 'fine-tune',
        resume: { uploadId: 'upload_1', bytes: 5, partSize: 1024, partIds: [null] },
      }),
    ).rejects.toThrow(/it was for 5 bytes/);
  });
});

describe('files.upload', () => {
  it('sends a small file in one request and a large one through the Uploads API', async () => {
    const backend = uploadsBackend();
    api.use(
      http.post(`${BASE_URL}/files`, () => HttpResponse.json(fileObject({ id: 'file-direct' }))),
    );
    const small = await tempFile('small.jsonl', '{"a":1}\n');
    const large = await tempFile('large.jsonl', Buffer.alloc(5000, 'x'));
    const client = testClient();

    const direct = await client.files.upload(small, {
      purpose: 'fine-tune',
      uploadThreshold: 1000,
    });
    const parted = await client.files.upload(large, {
      purpose: 'fine-tune',
      uploadThreshold: 1000,
      partSize: 2048,
    });

    expect(direct.id).toBe('file-direct');
    expect(parted.id).toBe('file-assembled');
    expect(backend.parts.size).toBe(3);
  });
});
