import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { UploadProgress, UploadState } from '../../../src/index.ts';
import { testClient } from '../../support/client.ts';
import { useMockAPI } from '../../support/mock-api.ts';
import { tempFile, uploadsBackend } from '../../support/uploads-backend.ts';

const api = useMockAPI();

describe('uploads.uploadFile', () => {
  const content = Buffer.from(Array.from({ length: 1000 }, (_, i) => `{"n":${i}}\n`).join(''));

  it('sends the file in parts, completes them in order with the md5 and reports progress', async () => {
    const backend = uploadsBackend(api);
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
    const backend = uploadsBackend(api, { failPart: (attempt) => attempt <= 2 });
    const path = await tempFile('big.jsonl', content);

    await testClient().uploads.uploadFile(path, {
      purpose: 'fine-tune',
      partSize: 4096,
      concurrency: 1,
    });

    expect(backend.completed.content?.equals(content)).toBe(true);
  });

  it('resumes from a saved state without sending finished parts again', async () => {
    const backend = uploadsBackend(api, { failPart: (attempt) => attempt === 3 });
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
    uploadsBackend(api);
    const path = await tempFile('big.jsonl', content);

    await expect(
      testClient().uploads.uploadFile(path, {
        purpose: 'fine-tune',
        resume: { uploadId: 'upload_1', bytes: 5, partSize: 1024, partIds: [null] },
      }),
    ).rejects.toThrow(/it was for 5 bytes/);
  });
});
