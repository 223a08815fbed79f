import { type FileCreateParams, TuneKit } from '../../src/index.ts';
import {
  createFakeOpenAI,
  type FakeOpenAI,
  type FakeOpenAIOptions,
} from '../../src/testing/index.ts';
import { chatTrainingFile } from './training-data.ts';

/** The key tests use: long enough for the redactor to scrub it by value. */
export const TEST_API_KEY = 'sk-test-fake-0123456789abcdef';

/** A tunekit client talking to the fake through `fake.fetch` (no msw, no port), no retries. */
export function clientFor(fake: FakeOpenAI): TuneKit {
  return new TuneKit({
    apiKey: TEST_API_KEY,
    baseURL: 'https://api.openai.com/v1',
    fetch: fake.fetch,
    maxRetries: 0,
    logLevel: 'off',
  });
}

/** A tunekit client on its default transport (intercepted by msw, or reaching a real port). */
export function tunekitClient(baseURL: string, maxRetries = 0): TuneKit {
  return new TuneKit({ apiKey: TEST_API_KEY, baseURL, maxRetries, logLevel: 'off' });
}

/** A fake (with `options`) holding a valid chat training file of `examples` examples. */
export async function fakeWithTrainingFile(options?: FakeOpenAIOptions, examples = 12) {
  const fake = createFakeOpenAI(options);
  const client = clientFor(fake);
  const trainingFile = await uploadTrainingFile(client, chatTrainingFile(examples));
  return { fake, client, trainingFile };
}

/** A supervised method with fixed hyperparameters. */
export function supervised(hyperparameters: { n_epochs?: number; batch_size?: number }) {
  return { type: 'supervised' as const, supervised: { hyperparameters } };
}

/** Uploads a one-byte file (metadata is what the test is about). */
export function tinyFile(client: TuneKit, extra: Partial<FileCreateParams> = {}) {
  return client.files.create({
    file: new Uint8Array([1]),
    filename: 'a.jsonl',
    purpose: 'fine-tune',
    ...extra,
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
