import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFakeOpenAI } from '../../src/testing/index.ts';
import { clientFor, tinyFile } from '../support/fake-client.ts';
import { fileForm, send } from '../support/raw-request.ts';

describe('files', () => {
  it('gives back exactly the bytes uploaded, binary included', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const bytes = new Uint8Array([0, 255, 10, 13, 0xef, 0xbb, 0xbf, 42]);
    const file = await client.files.create({
      file: bytes,
      filename: 'image.png',
      purpose: 'vision',
    });
    expect(file).toMatchObject({
      object: 'file',
      bytes: 8,
      filename: 'image.png',
      purpose: 'vision',
      status: 'processed',
    });
    const back = new Uint8Array(await (await client.files.content(file.id)).arrayBuffer());
    expect(back).toEqual(bytes);
  });

  it('lists by purpose, in either order, a page at a time', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      ids.push((await tinyFile(client, { filename: `${name}.jsonl` })).id);
    }
    await tinyFile(client, { filename: 'x.jsonl', purpose: 'batch' });

    const page = await client.files.list({ purpose: 'fine-tune', limit: 2 });
    expect(page.data.map((f) => f.id)).toEqual([ids[2], ids[1]]);
    expect(page).toMatchObject({ has_more: true, first_id: ids[2], last_id: ids[1] });
    const ascending = await client.files.list({
      purpose: 'fine-tune',
      order: 'asc',
      after: ids[0],
    });
    expect(ascending.data.map((f) => f.id)).toEqual([ids[1], ids[2]]);
    expect(ascending.has_more).toBe(false);
    expect((await client.files.list()).data).toHaveLength(4);
  });

  it('refuses an unknown purpose, a fine-tune file that is not .jsonl, and a bad limit', async () => {
    const fake = createFakeOpenAI();
    const badPurpose = await send(fake, {
      path: '/v1/files',
      body: fileForm('{}', 'a.jsonl', 'training'),
    });
    expect(badPurpose.status).toBe(400);
    expect(badPurpose.json.error).toMatchObject({ param: 'purpose', code: 'invalid_value' });

    const notJsonl = await send(fake, { path: '/v1/files', body: fileForm('{}', 'train.csv') });
    expect(notJsonl.status).toBe(400);
    expect(notJsonl.json.error.message).toBe(
      'Invalid file format for Fine-Tuning API. Must be .jsonl',
    );

    const noFile = new FormData();
    noFile.append('purpose', 'fine-tune');
    const missing = await send(fake, { path: '/v1/files', body: noFile });
    expect(missing.json.error).toMatchObject({ param: 'file', code: 'missing_required_parameter' });

    const notMultipart = await send(fake, { path: '/v1/files', json: { purpose: 'fine-tune' } });
    expect(notMultipart.status).toBe(400);
    expect(notMultipart.json.error.message).toContain('multipart/form-data');

    const badLimit = await send(fake, { path: '/v1/files?limit=0' });
    expect(badLimit.json.error).toMatchObject({ param: 'limit' });
  });

  it('deletes a file, after which it is a 404 in the API wording', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const file = await tinyFile(client);
    expect(await client.files.delete(file.id)).toMatchObject({ id: file.id, deleted: true });
    await expect(client.files.retrieve(file.id)).rejects.toMatchObject({
      status: 404,
      apiMessage: `No such File object: ${file.id}`,
      param: 'id',
    });
  });

  it('keeps a file uploaded until the processing delay has passed', async () => {
    const fake = createFakeOpenAI({ clock: 'manual', fileProcessingMs: 5_000 });
    const client = clientFor(fake);
    const file = await tinyFile(client);
    expect(file.status).toBe('uploaded');
    fake.advance(5_000);
    expect((await client.files.retrieve(file.id)).status).toBe('processed');
  });

  it('sets expires_at from expires_after', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const file = await tinyFile(client, { expires_after: { anchor: 'created_at', seconds: 3600 } });
    expect(file.expires_at).toBe(file.created_at + 3600);
  });
});

describe('uploads', () => {
  async function openUpload(bytes: number) {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const upload = await client.uploads.create({
      filename: 'big.jsonl',
      purpose: 'fine-tune',
      bytes,
      mime_type: 'text/jsonl',
    });
    return { fake, client, upload };
  }

  it('refuses to complete when the parts do not add up to the announced bytes', async () => {
    const { client, upload } = await openUpload(10);
    const part = await client.uploads.addPart(upload.id, new Uint8Array(4));
    await expect(client.uploads.complete(upload.id, { part_ids: [part.id] })).rejects.toMatchObject(
      {
        status: 400,
        param: 'part_ids',
        apiMessage: 'The parts hold 4 bytes, but the upload was created for 10 bytes.',
      },
    );
  });

  it('checks the md5 when one is given', async () => {
    const { client, upload } = await openUpload(3);
    const part = await client.uploads.addPart(upload.id, new Uint8Array([1, 2, 3]));
    const wrong = createHash('md5').update('other').digest('hex');
    await expect(
      client.uploads.complete(upload.id, { part_ids: [part.id], md5: wrong }),
    ).rejects.toMatchObject({
      status: 400,
      param: 'md5',
    });
  });

  it('refuses a part id of another upload, naming its position', async () => {
    const { client, upload } = await openUpload(3);
    await expect(
      client.uploads.complete(upload.id, { part_ids: ['part_nope'] }),
    ).rejects.toMatchObject({
      status: 400,
      param: 'part_ids[0]',
    });
  });

  it('accepts no more parts once cancelled', async () => {
    const { client, upload } = await openUpload(3);
    expect((await client.uploads.cancel(upload.id)).status).toBe('cancelled');
    await expect(client.uploads.addPart(upload.id, new Uint8Array([1]))).rejects.toMatchObject({
      status: 400,
      apiMessage: `Cannot add a part to upload ${upload.id}: its status is cancelled.`,
    });
  });

  it('expires an hour after creation', async () => {
    const fake = createFakeOpenAI({ clock: 'manual' });
    const client = clientFor(fake);
    const upload = await client.uploads.create({
      filename: 'a.jsonl',
      purpose: 'fine-tune',
      bytes: 1,
      mime_type: 'text/jsonl',
    });
    expect(upload.expires_at).toBe(upload.created_at + 3600);
    fake.advance(3_600_000);
    await expect(client.uploads.addPart(upload.id, new Uint8Array([1]))).rejects.toMatchObject({
      apiMessage: expect.stringContaining('its status is expired'),
    });
  });

  it('refuses more than 8 GB', async () => {
    const fake = createFakeOpenAI();
    const { json } = await send(fake, {
      path: '/v1/uploads',
      json: {
        filename: 'a.jsonl',
        purpose: 'fine-tune',
        bytes: 9 * 1024 ** 3,
        mime_type: 'text/jsonl',
      },
    });
    expect(json.error).toMatchObject({ param: 'bytes', code: 'invalid_value' });
  });
});
