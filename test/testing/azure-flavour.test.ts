import { describe, expect, it } from 'vitest';
import { TuneKit } from '../../src/index.ts';
import { createFakeOpenAI } from '../../src/testing/index.ts';
import { TEST_API_KEY } from '../support/fake-client.ts';
import { useFakeServer } from '../support/fake-server.ts';
import { useMswServer } from '../support/msw-server.ts';
import { chatTrainingFile } from '../support/training-data.ts';

/** A tunekit client configured as for Azure AI Foundry: `/openai/v1`, `api-key`, `api-version`. */
function azureClient(baseURL: string): TuneKit {
  return new TuneKit({
    apiKey: TEST_API_KEY,
    baseURL,
    defaultHeaders: { 'api-key': TEST_API_KEY, authorization: null },
    defaultQuery: { 'api-version': 'preview' },
    maxRetries: 0,
    logLevel: 'off',
  });
}

/** Upload, train, ask: the whole flow against the Azure base path. */
async function trainAndAsk(client: TuneKit) {
  const file = await client.files.create({
    file: new TextEncoder().encode(chatTrainingFile(12)),
    filename: 'train.jsonl',
    purpose: 'fine-tune',
  });
  const created = await client.jobs.create({ model: 'gpt-4.1-mini', training_file: file.id });
  const job = await client.jobs.retrieve(created.id);
  const reply = await client.chat.completions.create({
    model: job.fine_tuned_model ?? '',
    messages: [{ role: 'user', content: 'What is the capital of Nepal?' }],
  });
  return { job, answer: reply.choices[0]?.message.content };
}

describe('the Azure flavour through msw', () => {
  const fake = createFakeOpenAI();
  useMswServer(() => fake.handlers);

  it('serves a resource endpoint at /openai/v1 with the api-key header', async () => {
    const { job, answer } = await trainAndAsk(
      azureClient('https://my-resource.openai.azure.com/openai/v1'),
    );
    expect(job.status).toBe('succeeded');
    expect(answer).toBe('The capital of Nepal is Kathmandu.');
    expect(fake.calls.every((call) => call.flavour === 'azure' && call.auth === 'api-key')).toBe(
      true,
    );
    expect(fake.calls[0]?.query).toEqual({ 'api-version': 'preview' });
  });
});

describe('the Azure flavour through a real port', () => {
  const fake = createFakeOpenAI();
  const server = useFakeServer(fake);

  it('serves azureBaseURL with the api-key header', async () => {
    const { job, answer } = await trainAndAsk(azureClient(server().azureBaseURL));
    expect(job.status).toBe('succeeded');
    expect(answer).toBe('The capital of Nepal is Kathmandu.');
  });

  it('refuses the Azure path without a key, in the API error shape', async () => {
    const response = await fetch(`${server().azureBaseURL}/models`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringContaining('Access denied'),
        type: 'invalid_request_error',
        param: null,
        code: '401',
      },
    });
  });
});
