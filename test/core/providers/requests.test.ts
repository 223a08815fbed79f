import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  type APIError,
  type ClientOptions,
  NotFoundError,
  NotSupportedByProviderError,
  TuneKit,
} from '../../../src/index.ts';
import { memoryLogger } from '../../support/client.ts';
import { jobObject } from '../../support/fixtures.ts';
import { useMockAPI } from '../../support/mock-api.ts';

const api = useMockAPI();
const KEY = 'secret-key-0123456789abcdef';
const AZURE = 'https://my-resource.openai.azure.com/openai/v1';
const GATEWAY = 'https://gateway.tunekit.test/v1';

/** One client per provider, each pointed at its own msw-served URL. */
const configurations: Array<{
  name: string;
  base: string;
  options: ClientOptions;
  header: string;
}> = [
  { name: 'openai', base: 'https://api.tunekit.test/v1', header: 'authorization', options: {} },
  {
    name: 'azure',
    base: AZURE,
    header: 'api-key',
    options: { provider: 'azure', endpoint: 'https://my-resource.openai.azure.com' },
  },
  {
    name: 'compatible',
    base: GATEWAY,
    header: 'x-gateway-key',
    options: { provider: 'compatible', authHeader: 'x-gateway-key' },
  },
  {
    name: 'together',
    base: 'https://api.together.test/v1',
    header: 'authorization',
    options: { provider: 'together' },
  },
];

function clientOf(configuration: (typeof configurations)[number], extra: ClientOptions = {}) {
  const baseURL = configuration.options.provider === 'azure' ? undefined : configuration.base;
  return new TuneKit({
    apiKey: KEY,
    ...(baseURL ? { baseURL } : {}),
    maxRetries: 0,
    logLevel: 'off',
    ...configuration.options,
    ...extra,
  });
}

describe.each(configurations)('the $name provider', (configuration) => {
  it('authenticates with its own header and sends nothing of the others', async () => {
    api.use(http.get(`${configuration.base}/models`, () => HttpResponse.json({ data: [] })));

    await clientOf(configuration).models.list();

    const [call] = await api.calls();
    const bearer = configuration.header === 'authorization';
    const expected = bearer ? `Bearer ${KEY}` : KEY;
    expect(call?.headers[configuration.header]).toBe(expected);
    for (const other of ['authorization', 'api-key', 'x-gateway-key']) {
      if (other !== configuration.header) expect(call?.headers[other]).toBeUndefined();
    }
  });

  it('keeps the key out of errors, logs and inspection under its header name', async () => {
    api.use(
      http.get(`${configuration.base}/models`, ({ request }) => {
        const echoed = request.headers.get(configuration.header) ?? '';
        return HttpResponse.json(
          { error: { message: `bad key ${echoed}`, code: 'invalid_api_key' } },
          { status: 401, headers: { [configuration.header]: echoed, 'x-echo': echoed } },
        );
      }),
    );
    const { logger, lines } = memoryLogger();
    const client = clientOf(configuration, { logger, logLevel: 'debug' });

    const error = (await client.models.list().catch((e: unknown) => e)) as APIError;

    expect(error.status).toBe(401);
    expect(error.headers[configuration.header]).toBe('[redacted]');
    const shown = [
      error.message,
      inspect(error, { depth: 20, showHidden: true }),
      JSON.stringify(error),
      inspect(lines, { depth: 20 }),
      inspect(client, { depth: 20, showHidden: true }),
      JSON.stringify(client),
    ];
    for (const text of shown) expect(text).not.toContain(KEY);
    // The debug log did show the request's headers, with the credential masked by name.
    const request = lines.find((l) => l.message.startsWith('→ GET'));
    expect(inspect(request?.details)).toMatch(
      new RegExp(`'?${configuration.header}'?: '\\[redacted\\]'`),
    );
  });
});

describe('provider differences on the wire', () => {
  const [openai, azure, compatible] = configurations as [
    (typeof configurations)[0],
    (typeof configurations)[0],
    (typeof configurations)[0],
  ];

  it('azure: api-version on every request, trainingType in its spelling, chat by deployment', async () => {
    api.use(
      http.get(`${AZURE}/models/:model`, () =>
        HttpResponse.json(
          { error: { code: 'notFound', message: 'no such model' } },
          { status: 404 },
        ),
      ),
      http.post(`${AZURE}/fine_tuning/jobs`, () => HttpResponse.json(jobObject())),
      http.post(`${AZURE}/chat/completions`, () =>
        HttpResponse.json({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1,
          model: 'support-bot',
          choices: [
            { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'hi' } },
          ],
        }),
      ),
    );
    const client = clientOf(azure, {
      apiVersion: 'preview',
      deployments: { 'gpt-4o-mini-2024-07-18.ft-abc': 'support-bot' },
    });

    await client.jobs.create({
      model: 'gpt-4o-mini-2024-07-18',
      training_file: 'file-1',
      trainingType: 'Developer',
    });
    await client.chat.completions.create({
      model: 'gpt-4o-mini-2024-07-18.ft-abc',
      messages: [{ role: 'user', content: 'hello' }],
    });

    const [lookup, create, chat] = await api.calls();
    // The catalog has no Azure dates, so the create first asks the API for the model's.
    expect(lookup?.path).toBe('/openai/v1/models/gpt-4o-mini-2024-07-18');
    expect(lookup?.query).toEqual({ 'api-version': 'preview' });
    expect(create?.query).toEqual({ 'api-version': 'preview' });
    expect(create?.body).toMatchObject({ trainingType: 'developerTier' });
    expect(chat?.query).toEqual({ 'api-version': 'preview' });
    expect(chat?.body).toMatchObject({ model: 'support-bot' });
  });

  it('openai: trainingType is refused before anything is sent', async () => {
    const error = await clientOf(openai)
      .jobs.create({ model: 'gpt-4o-mini', training_file: 'file-1', trainingType: 'Standard' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotSupportedByProviderError);
    expect(error).toMatchObject({ feature: 'jobs.trainingType', provider: 'openai' });
    expect((error as Error).message).toMatch(/^OpenAI \(.*\) does not support jobs\.trainingType/);
    expect(await api.calls()).toHaveLength(0);
  });

  it('azure: deleting a model is refused before anything is sent', async () => {
    const error = await clientOf(azure)
      .models.delete('gpt-4o-mini-2024-07-18.ft-abc')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotSupportedByProviderError);
    expect((error as Error).message).toMatch(
      /Azure AI Foundry \(my-resource\.openai\.azure\.com\)/,
    );
    expect(await api.calls()).toHaveLength(0);
  });

  it('compatible: declared gaps are refused; an answer without the route becomes the same error', async () => {
    api.use(
      http.post(`${GATEWAY}/fine_tuning/jobs/:id/pause`, () =>
        HttpResponse.json({ detail: 'Not Found' }, { status: 404 }),
      ),
      http.post(`${GATEWAY}/fine_tuning/jobs/:id/resume`, () =>
        HttpResponse.text('Method Not Allowed', { status: 405 }),
      ),
      http.get(`${GATEWAY}/fine_tuning/jobs/:id`, () =>
        HttpResponse.json(
          { error: { message: 'No such job', type: 'invalid_request_error', code: null } },
          { status: 404 },
        ),
      ),
    );
    const client = clientOf(compatible, { unsupported: ['uploads'] });

    const declared = await client.uploads
      .create({ filename: 'a.jsonl', purpose: 'fine-tune', bytes: 1, mime_type: 'text/jsonl' })
      .catch((e: unknown) => e);
    const pause = await client.jobs.pause('ftjob-1').catch((e: unknown) => e);
    const resume = await client.jobs.resume('ftjob-1').catch((e: unknown) => e);
    const missingJob = await client.jobs.retrieve('ftjob-1').catch((e: unknown) => e);

    expect(declared).toMatchObject({ feature: 'uploads', provider: 'compatible' });
    expect(pause).toBeInstanceOf(NotSupportedByProviderError);
    expect(pause).toMatchObject({ feature: 'jobs.pause' });
    expect((pause as Error).cause).toMatchObject({ status: 404 });
    expect(resume).toMatchObject({ feature: 'jobs.resume' });
    // A 404 in the API's own error shape is a missing object, not a missing route.
    expect(missingJob).toBeInstanceOf(NotFoundError);
    expect((await api.calls()).map((c) => c.path)).toEqual([
      '/v1/fine_tuning/jobs/ftjob-1/pause',
      '/v1/fine_tuning/jobs/ftjob-1/resume',
      '/v1/fine_tuning/jobs/ftjob-1',
    ]);
  });

  it('reads the offending parameter from Azure error bodies (`target`)', async () => {
    api.use(
      http.get(`${AZURE}/models/:model`, () =>
        HttpResponse.json(
          { error: { code: 'notFound', message: 'no such model' } },
          { status: 404 },
        ),
      ),
      http.post(`${AZURE}/fine_tuning/jobs`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'invalidPayload',
              message: 'The training file is not valid.',
              target: 'training_file',
              innererror: { code: 'invalidPayload' },
            },
          },
          { status: 400, headers: { 'apim-request-id': 'azure-req-1' } },
        ),
      ),
    );

    const error = await clientOf(azure)
      .jobs.create({ model: 'gpt-4o-mini', training_file: 'file-1' })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({
      status: 400,
      code: 'invalidPayload',
      param: 'training_file',
      requestId: 'azure-req-1',
    });
  });

  it('describes itself without secrets', () => {
    const client = clientOf(azure, { deployments: { a: 'b' } });
    expect(client.provider.name).toBe('azure');
    expect(client.provider.supports('models.delete')).toBe(false);
    expect(client.provider.supports('jobs.pause')).toBe(true);
    expect(JSON.parse(JSON.stringify(client))).toMatchObject({
      provider: 'azure',
      baseURL: AZURE,
      deployments: { a: 'b' },
    });
    expect(inspect(client)).toContain("provider: 'azure'");
  });
});
