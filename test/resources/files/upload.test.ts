import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { testClient } from '../../support/client.ts';
import { BASE_URL } from '../../support/constants.ts';
import { fileObject } from '../../support/fixtures.ts';
import { useMockAPI } from '../../support/mock-api.ts';
import { tempFile, uploadsBackend } from '../../support/uploads-backend.ts';

const api = useMockAPI();

describe('files.upload', () => {
  it('sends a small file in one request and a large one through the Uploads API', async () => {
    const backend = uploadsBackend(api);
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
