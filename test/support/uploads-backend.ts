import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { BASE_URL } from './constants.ts';
import { fileObject } from './fixtures.ts';
import type { useMockAPI } from './mock-api.ts';

/** A file with this content in a fresh temporary directory. */
export async function tempFile(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tunekit-wf-'));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** An Uploads API in msw that stores parts and assembles them as the real one does. */
export function uploadsBackend(
  api: ReturnType<typeof useMockAPI>,
  options: { failPart?: (attempt: number) => boolean } = {},
) {
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
