import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { testClient } from '../../support/client.ts';
import { BASE_URL } from '../../support/constants.ts';
import { fileObject } from '../../support/fixtures.ts';
import { useMockAPI } from '../../support/mock-api.ts';

const api = useMockAPI();

function upload(status: string, extra: Record<string, unknown> = {}) {
  return {
    id: 'upload_1',
    object: 'upload',
    bytes: 10,
    created_at: 1,
    expires_at: 2,
    filename: 'big.jsonl',
    purpose: 'fine-tune',
    status,
    file: null,
    ...extra,
  };
}

describe('uploads', () => {
  it('creates an upload, adds a part as multipart `data`, completes it into a file', async () => {
    api.use(
      http.post(`${BASE_URL}/uploads`, () => HttpResponse.json(upload('pending'))),
      http.post(`${BASE_URL}/uploads/upload_1/parts`, () =>
        HttpResponse.json({
          id: 'part_1',
          object: 'upload.part',
          created_at: 1,
          upload_id: 'upload_1',
        }),
      ),
      http.post(`${BASE_URL}/uploads/upload_1/complete`, () =>
        HttpResponse.json(upload('completed', { file: fileObject({ id: 'file-big' }) })),
      ),
    );
    const client = testClient();

    const created = await client.uploads.create({
      filename: 'big.jsonl',
      purpose: 'fine-tune',
      bytes: 10,
      mime_type: 'application/jsonl',
    });
    const part = await client.uploads.addPart(created.id, new TextEncoder().encode('0123456789'));
    const done = await client.uploads.complete(created.id, { part_ids: [part.id], md5: 'abc' });

    expect(done.file?.id).toBe('file-big');
    const calls = await api.calls();
    expect(calls[0]?.body).toEqual({
      filename: 'big.jsonl',
      purpose: 'fine-tune',
      bytes: 10,
      mime_type: 'application/jsonl',
    });
    expect(calls[1]?.body).toEqual({
      data: { filename: 'part', bytes: 10, type: 'application/octet-stream', text: '0123456789' },
    });
    expect(calls[2]?.body).toEqual({ part_ids: ['part_1'], md5: 'abc' });
  });

  it('cancels an upload', async () => {
    api.use(
      http.post(`${BASE_URL}/uploads/upload_1/cancel`, () =>
        HttpResponse.json(upload('cancelled')),
      ),
    );

    const cancelled = await testClient().uploads.cancel('upload_1');

    expect(cancelled.status).toBe('cancelled');
  });
});
