import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TuneKit } from '../../src/index.ts';
import { createFakeOpenAI, type FakeServer } from '../../src/testing/index.ts';
import { TEST_API_KEY } from '../support/fake-client.ts';
import { NO_PROVIDER_ENV, runCliAsync } from '../support/run-cli.ts';
import { chatTrainingFile } from '../support/training-data.ts';

/** No provider settings from the developer's own environment; the key is Azure's. */
const CLEAN_ENV = { ...NO_PROVIDER_ENV, AZURE_OPENAI_API_KEY: TEST_API_KEY };

const fake = createFakeOpenAI();
let server: FakeServer;
let fileId = '';

beforeAll(async () => {
  server = await fake.listen();
  const client = new TuneKit({
    provider: 'azure',
    apiKey: TEST_API_KEY,
    baseURL: server.azureBaseURL,
    logLevel: 'off',
  });
  const file = await client.files.create({
    file: new TextEncoder().encode(chatTrainingFile(12)),
    filename: 'train.jsonl',
    purpose: 'fine-tune',
  });
  fileId = file.id;
});
afterAll(() => server.close());

/** The routes the fake saw from the first call on, up to and including the job's creation. */
function routesUntilCreate(from: number): Array<string | null> {
  const routes = fake.calls.slice(from).map((call) => call.route);
  return routes.slice(0, routes.indexOf('jobs.create') + 1);
}

describe('tunekit jobs create', () => {
  for (const model of ['gpt-4.1-mini', 'gpt-4o-mini-2024-07-18']) {
    it(`asks Azure for ${model} once before creating the job`, async () => {
      const from = fake.calls.length;
      const { code } = await runCliAsync(
        [
          'jobs',
          'create',
          '--provider',
          'azure',
          '--base-url',
          server.azureBaseURL,
          '--model',
          model,
          '--training-file',
          fileId,
          '-y',
          '--json',
        ],
        CLEAN_ENV,
      );
      expect(code).toBe(0);
      const routes = routesUntilCreate(from);
      expect(routes.at(-1)).toBe('jobs.create');
      expect(routes.filter((route) => route === 'models.retrieve')).toEqual(['models.retrieve']);
    });
  }
});
