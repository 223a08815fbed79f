import { expect, it } from 'vitest';
import { memoryLogger } from '../../support/client.ts';
import { uploadTrainingFile } from '../../support/fake-client.ts';
import { forEachProvider } from '../../support/providers.ts';
import { chatTrainingFile } from '../../support/training-data.ts';

// Against the fake, with the faults the issue names (dropped connections, 429 storms, 500s,
// a part upload failing twice), once per provider (OpenAI, Azure, a compatible gateway).

/** A retry budget smaller than the storms below. */
const FEW_RETRIES = { maxRetries: 1, logLevel: 'warn' } as const;

forEachProvider(
  'files.waitForProcessing against the fake',
  (setup) => {
    it('waits out a 429 storm until the file is processed', async () => {
      const { client, fake } = setup();
      const api = client({ ...FEW_RETRIES, logger: memoryLogger().logger });
      const fileId = await uploadTrainingFile(api, chatTrainingFile(10), 't.jsonl');
      fake.inject({ route: 'files.retrieve', status: 429, retryAfter: 0.005, times: 5 });

      const ready = await api.files.waitForProcessing(fileId, { pollInterval: 5 });

      expect(ready.status).toBe('processed');
    });
  },
  { fake: { clock: { speed: 1 }, fileProcessingMs: 50 }, adapters: ['fetch'] },
);
