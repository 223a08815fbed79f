import { describe, expect, it } from 'vitest';
import { TuneKit } from '../../src/index.ts';
import { createFakeOpenAI, DEFAULT_CATALOG, type FakeOpenAI } from '../../src/testing/index.ts';
import { TEST_API_KEY, uploadTrainingFile } from '../support/fake-client.ts';
import { useFakeServer } from '../support/fake-server.ts';
import { useMswServer } from '../support/msw-server.ts';
import { chatTrainingFile } from '../support/training-data.ts';

/** A tunekit client for Azure AI Foundry: `/openai/v1`, `api-key`, `api-version`. */
function azureClient(baseURL: string, deployments: Record<string, string> = {}): TuneKit {
  return new TuneKit({
    provider: 'azure',
    apiKey: TEST_API_KEY,
    baseURL,
    apiVersion: 'preview',
    deployments,
    maxRetries: 0,
    logLevel: 'off',
  });
}

/** Upload, train, deploy, ask: the whole flow against the Azure base path. */
async function trainDeployAndAsk(fake: FakeOpenAI, baseURL: string) {
  const client = azureClient(baseURL);
  const fileId = await uploadTrainingFile(client, chatTrainingFile(12));
  const created = await client.jobs.create({
    model: 'gpt-4.1-mini',
    training_file: fileId,
    trainingType: 'GlobalStandard',
  });
  const job = await client.jobs.retrieve(created.id);
  const model = job.fine_tuned_model ?? '';
  fake.deploy({ model, name: 'capitals' });
  const question = [{ role: 'user' as const, content: 'What is the capital of Nepal?' }];
  const byDeployment = await client.chat.completions.create({
    model: 'capitals',
    messages: question,
  });
  // The same code as for OpenAI, naming the model: the client maps it to its deployment.
  const byModel = await azureClient(baseURL, { [model]: 'capitals' }).chat.completions.create({
    model,
    messages: question,
  });
  return {
    created,
    job,
    answers: [byDeployment.choices[0]?.message.content, byModel.choices[0]?.message.content],
  };
}

describe('the Azure flavour through msw', () => {
  const fake = createFakeOpenAI();
  useMswServer(() => fake.handlers);

  it('trains with a trainingType and answers through a deployment', async () => {
    const { created, job, answers } = await trainDeployAndAsk(
      fake,
      'https://my-resource.openai.azure.com/openai/v1',
    );
    expect(created.status).toBe('pending');
    expect(created.result_files).toBeNull();
    expect(job.status).toBe('succeeded');
    expect(job.fine_tuned_model).toMatch(/^gpt-4\.1-mini-2025-04-14\.ft-[0-9a-f]{32}$/);
    expect(answers).toEqual([
      'The capital of Nepal is Kathmandu.',
      'The capital of Nepal is Kathmandu.',
    ]);
    expect(fake.calls.every((call) => call.flavour === 'azure' && call.auth === 'api-key')).toBe(
      true,
    );
    expect(fake.calls[0]?.query).toEqual({ 'api-version': 'preview' });
    expect(fake.calls.find((c) => c.route === 'jobs.create')?.body).toMatchObject({
      trainingType: 'GlobalStandard',
    });
  });
});

describe('the Azure flavour through a real port', () => {
  const fake = createFakeOpenAI();
  const server = useFakeServer(fake);

  it('serves azureBaseURL with the api-key header', async () => {
    const { job, answers } = await trainDeployAndAsk(fake, server().azureBaseURL);
    expect(job.status).toBe('succeeded');
    expect(answers[0]).toBe('The capital of Nepal is Kathmandu.');
  });

  it('answers a fine-tuned model that is not deployed with DeploymentNotFound', async () => {
    fake.reset();
    const client = azureClient(server().azureBaseURL);
    const fileId = await uploadTrainingFile(client, chatTrainingFile(12));
    const job = fake.runJob(
      (await client.jobs.create({ model: 'gpt-4o-mini', training_file: fileId })).id,
    );

    const error = await client.chat.completions
      .create({ model: job.fine_tuned_model ?? '', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 404, code: 'DeploymentNotFound' });
    expect((error as Error).message).toContain(
      'The API deployment for this resource does not exist',
    );
  });

  it('refuses the Azure path without a key, in Azure’s error shape', async () => {
    const response = await fetch(`${server().azureBaseURL}/models`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: '401', message: expect.stringContaining('Access denied') },
    });
  });
});

describe('what the Azure flavour shows differently', () => {
  it('models: created_at, capabilities and deprecation dates; fine-tunes name their base and job', async () => {
    // The default catalog knows no Azure dates; these are made up for the test.
    const fake = createFakeOpenAI({
      models: DEFAULT_CATALOG.map((model) =>
        model.id === 'gpt-4o-mini-2024-07-18'
          ? { ...model, azure: { shutdown_date: '2027-01-14', training_end_date: '2027-01-06' } }
          : model,
      ),
    });
    const client = azureClient('https://r.openai.azure.com/openai/v1');
    const fetchVia = (path: string) =>
      fake.handle(
        new Request(`https://r.openai.azure.com/openai/v1${path}`, {
          headers: { 'api-key': TEST_API_KEY },
        }),
      );
    const base = (await (await fetchVia('/models/gpt-4o-mini-2024-07-18')).json()) as Record<
      string,
      unknown
    >;
    expect(base).toMatchObject({
      id: 'gpt-4o-mini-2024-07-18',
      created_at: Date.UTC(2024, 6, 18) / 1000,
      capabilities: { fine_tune: true, chat_completion: true },
      deprecation: {
        fine_tune: Date.UTC(2027, 0, 6) / 1000,
        inference: Date.UTC(2027, 0, 14) / 1000,
      },
    });
    expect(base).not.toHaveProperty('owned_by');
    const other = (await (await fetchVia('/models/gpt-4.1-2025-04-14')).json()) as Record<
      string,
      unknown
    >;
    expect(other.deprecation).toEqual({});
    expect(base).not.toHaveProperty('shutdown_date');

    // tunekit reads Azure's deprecation date as the shutdown date, and created_at as created.
    const viaClient = await new TuneKit({
      provider: 'azure',
      apiKey: TEST_API_KEY,
      endpoint: 'https://r.openai.azure.com',
      fetch: fake.fetch,
      logLevel: 'off',
    }).models.retrieve('gpt-4o-mini-2024-07-18');
    expect(viaClient).toMatchObject({
      shutdown_date: '2027-01-14',
      created: Date.UTC(2024, 6, 18) / 1000,
    });
    expect(client.provider.name).toBe('azure');

    const upload = await fake.handle(
      new Request('https://r.openai.azure.com/openai/v1/files', {
        method: 'POST',
        headers: { 'api-key': TEST_API_KEY },
        body: (() => {
          const form = new FormData();
          form.set('purpose', 'fine-tune');
          form.set('file', new File([chatTrainingFile(12)], 'train.jsonl'));
          return form;
        })(),
      }),
    );
    const file = (await upload.json()) as { id: string };
    const jobResponse = await fake.handle(
      new Request('https://r.openai.azure.com/openai/v1/fine_tuning/jobs', {
        method: 'POST',
        headers: { 'api-key': TEST_API_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', training_file: file.id }),
      }),
    );
    const job = fake.runJob(((await jobResponse.json()) as { id: string }).id);
    const trained = (await (await fetchVia(`/models/${job.fine_tuned_model}`)).json()) as Record<
      string,
      unknown
    >;
    expect(trained).toMatchObject({
      model: 'gpt-4o-mini-2024-07-18',
      fine_tune: job.id,
      deprecation: { inference: Date.UTC(2027, 0, 14) / 1000 },
    });
  });

  it('files wait as `pending`, not `uploaded`', async () => {
    const fake = createFakeOpenAI({ clock: 'manual', fileProcessingMs: 5000 });
    const client = new TuneKit({
      provider: 'azure',
      apiKey: TEST_API_KEY,
      endpoint: 'https://r.openai.azure.com',
      fetch: fake.fetch,
      logLevel: 'off',
    });
    const file = await client.files.create({
      file: new TextEncoder().encode(chatTrainingFile(12)),
      filename: 'train.jsonl',
      purpose: 'fine-tune',
    });
    expect(file.status).toBe('pending');
    fake.advance(5000);
    expect((await client.files.retrieve(file.id)).status).toBe('processed');
  });

  it('takes trainingType on /openai/v1 only, and checks its value', async () => {
    const fake = createFakeOpenAI();
    const post = (base: string, auth: Record<string, string>, trainingType: string) =>
      fake.handle(
        new Request(`https://r.openai.azure.com${base}/fine_tuning/jobs`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'gpt-4o-mini', training_file: 'file-x', trainingType }),
        }),
      );
    const openai = await post('/v1', { authorization: `Bearer ${TEST_API_KEY}` }, 'Standard');
    expect(openai.status).toBe(400);
    expect(await openai.json()).toMatchObject({
      error: {
        message: 'Unrecognized request argument supplied: trainingType',
        param: 'trainingType',
      },
    });
    const wrong = await post('/openai/v1', { 'api-key': TEST_API_KEY }, 'Premium');
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      error: { code: 'invalidPayload', target: 'trainingType' },
    });
  });

  it('refuses to deploy what it does not have', () => {
    const fake = createFakeOpenAI();
    expect(() => fake.deploy({ model: 'ft:nothing', name: 'x' })).toThrow(/no model ft:nothing/);
    expect(() => fake.deploy({ model: 'gpt-4o-mini', name: ' ' })).toThrow(/non-empty name/);
  });
});
