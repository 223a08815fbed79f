import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { NotSupportedByProviderError } from '../../../src/index.ts';
import { forEachProvider, OPENAI_STYLE } from '../../support/providers.ts';
import { chatTrainingFile } from '../../support/training-data.ts';

// Against the fake, with the faults the issue names (dropped connections, 429 storms, 500s,
// a part upload failing twice), once per provider (OpenAI, Azure, a compatible gateway; Together
// AI, which has no Uploads API, below).

async function fileOnDisk(content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tunekit-parts-'));
  const path = join(dir, 'big.jsonl');
  await writeFile(path, content);
  return path;
}

forEachProvider(
  'uploads.uploadFile against the fake',
  (setup) => {
    it('assembles the file exactly even when a part fails twice', async () => {
      const { client, fake } = setup();
      const content = chatTrainingFile(200);
      const path = await fileOnDisk(content);
      fake.inject({ route: 'uploads.addPart', status: 500, times: 2, skip: 1 });

      const file = await client({ maxRetries: 2 }).uploads.uploadFile(path, {
        purpose: 'fine-tune',
        partSize: 4096,
        concurrency: 2,
      });

      expect(await client().files.text(file.id)).toBe(content);
      expect(fake.calls.filter((call) => call.route === 'uploads.addPart').length).toBe(
        Math.ceil(content.length / 4096) + 2,
      );
    });
  },
  { adapters: ['fetch'], providers: OPENAI_STYLE },
);

forEachProvider(
  'files.upload of a large file at Together AI',
  (setup) => {
    it('refuses the Uploads API before sending, and sends any size through the signed URL', async () => {
      const { client, fake } = setup();
      const content = chatTrainingFile(2000);
      const path = await fileOnDisk(content);

      await expect(
        client().uploads.uploadFile(path, { purpose: 'fine-tune' }),
      ).rejects.toBeInstanceOf(NotSupportedByProviderError);
      expect(fake.calls).toHaveLength(0);

      // Above the 100 MiB threshold the Uploads API would take at OpenAI: one signed PUT here.
      fake.inject({ route: 'files.put', status: 500, times: 2 });
      const file = await client({ maxRetries: 2 }).files.upload(path, {
        purpose: 'fine-tune',
        uploadThreshold: 1024,
      });

      expect(await client().files.text(file.id)).toBe(content);
      const puts = fake.calls.filter((call) => call.route === 'files.put');
      expect(puts.map((call) => call.status)).toEqual([500, 500, 200]);
      // The signed URL authorises the PUT: the key never goes there.
      expect(puts.every((call) => call.auth === null)).toBe(true);
      expect(puts[2]?.headers['content-length']).toBe(String(Buffer.byteLength(content)));
    });
  },
  { adapters: ['fetch', 'port'], providers: ['together'] },
);
