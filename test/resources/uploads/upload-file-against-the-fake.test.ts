import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { forEachProvider } from '../../support/providers.ts';
import { chatTrainingFile } from '../../support/training-data.ts';

// Against the fake, with the faults the issue names (dropped connections, 429 storms, 500s,
// a part upload failing twice), once per provider (OpenAI, Azure, a compatible gateway).

forEachProvider(
  'uploads.uploadFile against the fake',
  (setup) => {
    it('assembles the file exactly even when a part fails twice', async () => {
      const { client, fake } = setup();
      const dir = await mkdtemp(join(tmpdir(), 'tunekit-parts-'));
      const path = join(dir, 'big.jsonl');
      const content = chatTrainingFile(200);
      await writeFile(path, content);
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
  { adapters: ['fetch'] },
);
