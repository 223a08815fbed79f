import { TuneKit } from '../../src/index.ts';
import type { FakeOpenAI } from '../../src/testing/index.ts';

/** The key tests use: long enough for the redactor to scrub it by value. */
export const TEST_API_KEY = 'sk-test-fake-0123456789abcdef';

/** A tunekit client talking to the fake through `fake.fetch` (no msw, no port), no retries. */
export function clientFor(fake: FakeOpenAI, options: { maxRetries?: number } = {}): TuneKit {
  return new TuneKit({
    apiKey: TEST_API_KEY,
    baseURL: 'https://api.openai.com/v1',
    fetch: fake.fetch,
    maxRetries: options.maxRetries ?? 0,
    logLevel: 'off',
  });
}

/** Uploads a JSONL training file through the client and returns its id. */
export async function uploadTrainingFile(client: TuneKit, jsonl: string, filename = 'train.jsonl') {
  const file = await client.files.create({
    file: new TextEncoder().encode(jsonl),
    filename,
    purpose: 'fine-tune',
  });
  return file.id;
}

/** Every item of an async iterable (a paginated list walked to its end). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
