import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { resolveClientOptions } from '../../../src/core/options.ts';
import {
  CLIENT_TOKEN_KEY as CORE_TOKEN_KEY,
  tokenInNames,
  tokenTag,
  userSuffix,
} from '../../../src/core/providers/together/client-token.ts';
import { togetherEvents } from '../../../src/core/providers/together/events.ts';
import {
  CLIENT_TOKEN_KEY,
  ConfigurationError,
  InvalidArgumentError,
  NotFoundError,
  NotSupportedByProviderError,
  TuneKit,
} from '../../../src/index.ts';
import { useMockAPI } from '../../support/mock-api.ts';

const api = useMockAPI();
const KEY = 'tk-secret-0123456789abcdef';
const BASE = 'https://api.together.test/v1';

const client = () =>
  new TuneKit({ provider: 'together', apiKey: KEY, baseURL: BASE, maxRetries: 0, logLevel: 'off' });

/** A job as Together's API writes it (the `together-ai` client's `FinetuneResponse`). */
function togetherJob(overrides: Record<string, unknown> = {}) {
  return {
    id: 'ft-7c1f4b8e-1111-2222-3333-444455556666',
    created_at: '2026-11-22T10:00:00.000Z',
    updated_at: '2026-11-22T10:05:00.000Z',
    status: 'running',
    user_id: 'user-1',
    model: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
    model_output_name: 'me/Meta-Llama-3.1-8B-Instruct-Reference-bot-1a2b3c4d',
    training_file: 'file-1',
    validation_file: '',
    n_epochs: 3,
    batch_size: 16,
    learning_rate: 0.00002,
    training_method: { method: 'sft', train_on_inputs: 'auto' },
    training_type: { type: 'Lora', lora_r: 8, lora_alpha: 16 },
    token_count: 1234,
    ...overrides,
  };
}

describe("choosing provider 'together'", () => {
  it('reads TOGETHER_API_KEY and TOGETHER_BASE_URL, never OpenAI’s key', () => {
    const resolved = resolveClientOptions(
      { provider: 'together' },
      { TOGETHER_API_KEY: KEY, OPENAI_API_KEY: 'sk-openai-0123456789abcdef' },
    );
    expect(resolved.apiKey).toBe(KEY);
    expect(resolved.baseURL).toBe('https://api.together.ai/v1');
    expect(
      resolveClientOptions(
        {},
        { TUNEKIT_PROVIDER: 'together', TOGETHER_API_KEY: KEY, TOGETHER_BASE_URL: BASE },
      ).baseURL,
    ).toBe(BASE);

    const missing = (() => {
      try {
        resolveClientOptions({ provider: 'together' }, { OPENAI_API_KEY: 'sk-x-0123456789abcdef' });
      } catch (error) {
        return error;
      }
    })();
    expect(missing).toBeInstanceOf(ConfigurationError);
    expect(missing).toMatchObject({ envVariable: 'TOGETHER_API_KEY' });
  });

  it('refuses options of other providers, and hints at it when only TOGETHER_API_KEY is set', () => {
    expect(() =>
      resolveClientOptions({ provider: 'together', apiKey: KEY, organization: 'org-1' }, {}),
    ).toThrow(/organization/);
    expect(() => resolveClientOptions({}, { TOGETHER_API_KEY: KEY })).toThrow(
      /provider: 'together'/,
    );
  });

  it('says what it lacks, and that the others lack its extensions', () => {
    const together = client().provider;
    for (const feature of [
      'uploads',
      'jobs.pause',
      'jobs.resume',
      'jobs.trainingType',
      'models.delete',
    ] as const) {
      expect(together.supports(feature)).toBe(false);
    }
    for (const feature of [
      'files',
      'jobs',
      'jobs.events',
      'jobs.download',
      'chat.completions',
    ] as const) {
      expect(together.supports(feature)).toBe(true);
    }
    const openai = new TuneKit({ apiKey: 'sk-0123456789abcdef' }).provider;
    expect(openai.supports('jobs.togetherOptions')).toBe(false);
    expect(openai.supports('jobs.download')).toBe(false);
  });
});

describe('the Together dialect on the wire', () => {
  it('creates a job at /fine-tunes in Together’s terms, with the client token in the suffix', async () => {
    api.use(
      // A token the caller chose is looked for first: no job carries it yet.
      http.get(`${BASE}/fine-tunes`, () => HttpResponse.json({ data: [] })),
      http.post(`${BASE}/fine-tunes`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(togetherJob({ status: 'pending', suffix: body.suffix }));
      }),
    );

    const job = await client().jobs.create(
      {
        model: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
        training_file: 'file-1',
        suffix: 'bot',
        seed: 7,
        method: { type: 'dpo', dpo: { hyperparameters: { n_epochs: 3, beta: 0.2 } } },
        together: { learning_rate: 2e-5, training_type: { type: 'Full' }, dpo: { rpo_alpha: 0.5 } },
      },
      { idempotencyToken: '3f0c1d2e-4a5b-4c6d-8e7f-0123456789ab' },
    );

    const calls = await api.calls();
    expect(calls.map((c) => c.method)).toEqual(['GET', 'POST']);
    const call = calls[1];
    expect(call?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(call?.body).toEqual({
      model: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
      training_file: 'file-1',
      suffix: 'bot-tk3f0c1d2e4a5b4c6d8e7f0123456789ab',
      random_seed: 7,
      n_epochs: 3,
      training_method: { method: 'dpo', dpo_beta: 0.2, rpo_alpha: 0.5 },
      learning_rate: 2e-5,
      training_type: { type: 'Full' },
    });
    // The token reads back as the metadata it would be at OpenAI; the suffix as the user's.
    expect(job.metadata).toEqual({ [CLIENT_TOKEN_KEY]: '3f0c1d2e-4a5b-4c6d-8e7f-0123456789ab' });
    expect(job.user_provided_suffix).toBe('bot');
    expect(job).toMatchObject({
      object: 'fine_tuning.job',
      status: 'pending',
      created_at: Date.parse('2026-11-22T10:00:00.000Z') / 1000,
      fine_tuned_model: null,
      method: { type: 'supervised' },
      together: { status: 'pending', token_count: 1234 },
    });
  });

  it('refuses what Together has no field for, before sending', async () => {
    // The create looks the model's dates up first (a read); nothing else may go out.
    api.use(
      http.get(`${BASE}/models`, () => HttpResponse.json([])),
      http.get('https://api.openai.com/v1/models/*', () =>
        HttpResponse.json({ error: { message: 'no such model' } }, { status: 404 }),
      ),
    );
    const jobs = client().jobs;
    const params = { model: 'm/x', training_file: 'file-1' };

    await expect(jobs.create({ ...params, metadata: { team: 'a' } })).rejects.toMatchObject({
      name: 'NotSupportedByProviderError',
      feature: 'jobs.metadata',
    });
    await expect(
      jobs.create({
        ...params,
        method: {
          type: 'supervised',
          supervised: { hyperparameters: { learning_rate_multiplier: 2 } },
        },
      }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(jobs.create({ ...params, trainingType: 'Standard' })).rejects.toMatchObject({
      feature: 'jobs.trainingType',
    });
    await expect(jobs.create({ ...params, suffix: 'x'.repeat(40) })).rejects.toMatchObject({
      argument: 'suffix',
    });
    await expect(jobs.pause('ft-1')).rejects.toBeInstanceOf(NotSupportedByProviderError);
    await expect(jobs.list({ metadata: { team: 'a' } })).rejects.toMatchObject({
      feature: 'jobs.metadata',
    });
    await expect(client().models.delete('me/model')).rejects.toMatchObject({
      feature: 'models.delete',
    });
    await expect(
      new TuneKit({ apiKey: 'sk-0123456789abcdef' }).jobs.create({
        ...params,
        together: { learning_rate: 1e-5 },
      }),
    ).rejects.toMatchObject({ feature: 'jobs.togetherOptions' });
    const sent = (await api.calls()).map((call) => `${call.method} ${call.path}`);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((call) => /^GET \/v1\/models/.test(call))).toBe(true);
  });

  it('maps statuses where the meaning is the same and keeps Together’s own', async () => {
    const statuses = [
      ['pending', 'pending'],
      ['queued', 'queued'],
      ['running', 'running'],
      ['compressing', 'running'],
      ['uploading', 'running'],
      ['cancel_requested', 'running'],
      ['completed', 'succeeded'],
      ['error', 'failed'],
      ['user_error', 'failed'],
      ['cancelled', 'cancelled'],
    ];
    api.use(
      http.get(`${BASE}/fine-tunes`, () =>
        HttpResponse.json({
          data: statuses.map(([status], index) =>
            togetherJob({
              id: `ft-${index}`,
              status,
              created_at: new Date(index * 1000).toISOString(),
            }),
          ),
        }),
      ),
    );

    const { data } = await client().jobs.list();

    // Newest first, as tunekit lists everything; each with the status tunekit knows.
    expect(data.map((job) => [job.together?.status, job.status])).toEqual([...statuses].reverse());
    const completed = data.find((job) => job.status === 'succeeded');
    expect(completed?.fine_tuned_model).toBe(
      'me/Meta-Llama-3.1-8B-Instruct-Reference-bot-1a2b3c4d',
    );
    expect(completed?.finished_at).toBe(Date.parse('2026-11-22T10:05:00.000Z') / 1000);
    expect(data.find((job) => job.status === 'running')?.fine_tuned_model).toBeNull();
  });

  it('pages Together’s whole lists on this side: after and limit', async () => {
    api.use(
      http.get(`${BASE}/fine-tunes`, ({ request }) => {
        // Together's list takes no parameters: none are sent.
        expect(new URL(request.url).search).toBe('');
        return HttpResponse.json({
          data: [1, 2, 3, 4, 5].map((n) =>
            togetherJob({ id: `ft-${n}`, created_at: new Date(n * 1000).toISOString() }),
          ),
        });
      }),
    );

    const first = await client().jobs.list({ limit: 2 });
    expect(first.data.map((job) => job.id)).toEqual(['ft-5', 'ft-4']);
    expect(first.has_more).toBe(true);
    const all: string[] = [];
    for await (const job of client().jobs.list({ limit: 2 })) all.push(job.id);
    expect(all).toEqual(['ft-5', 'ft-4', 'ft-3', 'ft-2', 'ft-1']);
  });

  it('takes the failure from the job’s error event', async () => {
    api.use(
      http.get(`${BASE}/fine-tunes/ft-9`, () =>
        HttpResponse.json(
          togetherJob({
            id: 'ft-9',
            status: 'error',
            events: [
              {
                object: 'fine-tune-event',
                created_at: '2026-11-22T10:00:00Z',
                message: 'started',
                type: 'job_start',
              },
              {
                object: 'fine-tune-event',
                created_at: '2026-11-22T10:01:00Z',
                message: 'Training file has invalid lines',
                type: 'job_error',
                level: 'error',
              },
            ],
          }),
        ),
      ),
    );

    const job = await client().jobs.retrieve('ft-9');

    expect(job.status).toBe('failed');
    expect(job.error).toEqual({
      code: null,
      message: 'Training file has invalid lines',
      param: null,
    });
  });

  it('finds a model in /models’ bare array, and answers 404 for one it lacks', async () => {
    api.use(
      http.get(`${BASE}/models`, () =>
        HttpResponse.json([
          { id: 'meta-llama/A', object: 'model', created: 1, type: 'chat', organization: 'Meta' },
        ]),
      ),
    );

    const model = await client().models.retrieve('meta-llama/A');
    expect(model).toMatchObject({
      id: 'meta-llama/A',
      owned_by: 'Meta',
      together: { type: 'chat' },
    });
    const missing = await client()
      .models.retrieve('meta-llama/B')
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    // models.lifecycle falls back to the catalog for a model the API does not list.
    expect(
      (await client().models.lifecycle('meta-llama/Meta-Llama-3.1-8B-Instruct-Reference')).status,
    ).toBe('active');
  });

  it('leaves stream_options out of chat requests (Together has none) and reads finish_reason eos', async () => {
    api.use(
      http.post(`${BASE}/chat/completions`, () =>
        HttpResponse.json({
          id: 'c-1',
          object: 'chat.completion',
          created: 1,
          model: 'me/m',
          prompt: [],
          choices: [
            { index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'eos' },
          ],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      ),
    );

    const completion = await client().chat.completions.create({
      model: 'me/m',
      messages: [{ role: 'user', content: 'hi' }],
      stream_options: { include_usage: true },
    } as never);

    const [call] = await api.calls();
    expect(call?.body).toEqual({ model: 'me/m', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0]?.finish_reason).toBe('eos');
  });
});

describe('the signed-URL upload', () => {
  const STORAGE = 'https://storage.together.test/bucket/file-1';

  it('PUTs the bytes to the signed URL without any credential, then reads the file', async () => {
    api.use(
      http.post(
        `${BASE}/files`,
        () =>
          new HttpResponse(null, {
            status: 302,
            headers: { location: `${STORAGE}?X-Amz-Signature=abc`, 'x-together-file-id': 'file-1' },
          }),
      ),
      http.put(STORAGE, () => new HttpResponse(null, { status: 200 })),
      http.get(`${BASE}/files/file-1`, () =>
        HttpResponse.json({
          id: 'file-1',
          object: 'file',
          bytes: 5,
          created_at: 1,
          filename: 'a.jsonl',
          purpose: 'fine-tune',
          FileType: 'jsonl',
          Processed: false,
          processing_status: 'RUNNING',
        }),
      ),
    );

    const file = await new TuneKit({
      provider: 'together',
      apiKey: KEY,
      baseURL: BASE,
      defaultHeaders: { 'x-team': 'ml' },
      logLevel: 'off',
    }).files.create({
      file: new TextEncoder().encode('{"a"}'),
      filename: 'a.jsonl',
      purpose: 'fine-tune',
    });

    const [post, put] = await api.calls();
    expect(post?.query).toEqual({ file_name: 'a.jsonl', file_type: 'jsonl', purpose: 'fine-tune' });
    expect(post?.body).toBe('file_name=a.jsonl&file_type=jsonl&purpose=fine-tune');
    expect(put?.method).toBe('PUT');
    expect(put?.body).toBe('{"a"}');
    expect(put?.headers['content-type']).toBe('application/octet-stream');
    // No key, no client header of any kind goes to the storage host.
    expect(Object.keys(put?.headers ?? {}).filter((name) => /auth|key|x-team/.test(name))).toEqual(
      [],
    );
    expect(inspect(put)).not.toContain(KEY);
    expect(file).toMatchObject({
      id: 'file-1',
      status: 'uploaded',
      together: { processing_status: 'RUNNING' },
    });
  });

  it('never carries the key to the storage host, even when the API echoes it in the signed URL', async () => {
    api.use(
      http.post(
        `${BASE}/files`,
        () =>
          new HttpResponse(null, {
            status: 302,
            headers: {
              location: `${STORAGE}?X-Amz-Signature=${KEY}`,
              'x-together-file-id': 'file-1',
            },
          }),
      ),
      http.put(STORAGE, () => new HttpResponse(null, { status: 200 })),
      http.get(`${BASE}/files/file-1`, () =>
        HttpResponse.json({
          id: 'file-1',
          object: 'file',
          bytes: 1,
          created_at: 1,
          filename: 'a.jsonl',
          purpose: 'fine-tune',
        }),
      ),
    );

    await client().files.create({
      file: new Uint8Array([1]),
      filename: 'a.jsonl',
      purpose: 'fine-tune',
    });

    const put = (await api.calls()).find((call) => call.method === 'PUT');
    expect(put).toBeDefined();
    expect(inspect(put, { depth: 10 })).not.toContain(KEY);
  });

  it('refuses a signed URL that would send the file in clear, and a first answer without one', async () => {
    api.use(
      http.post(
        `${BASE}/files`,
        () =>
          new HttpResponse(null, {
            status: 302,
            headers: { location: 'http://storage.together.test/f', 'x-together-file-id': 'file-1' },
          }),
      ),
    );
    const upload = () =>
      client().files.create({
        file: new Uint8Array([1]),
        filename: 'a.jsonl',
        purpose: 'fine-tune',
      });

    await expect(upload()).rejects.toThrow(/https URLs only/);
    api.use(http.post(`${BASE}/files`, () => HttpResponse.json({ id: 'file-1' })));
    await expect(upload()).rejects.toThrow(/not the redirect to a signed upload URL/);
    await expect(
      client().files.create({ file: new Uint8Array([1]), filename: 'a.txt', purpose: 'fine-tune' }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    expect((await api.calls()).map((call) => call.method)).toEqual(['POST', 'POST']);
  });
});

describe('event ids and the client token', () => {
  const event = (at: string, message: string, type = 'job_start') => ({
    object: 'fine-tune-event',
    created_at: at,
    message,
    type,
    level: 'Info',
  });

  it('gives Together’s id-less events ids that stay the same from one read to the next', () => {
    const first = [event('2026-11-22T10:00:00Z', 'a'), event('2026-11-22T10:00:01Z', 'b')];
    const later = [
      ...first,
      event('2026-11-22T10:00:01Z', 'b'),
      event('2026-11-22T10:00:02Z', 'c'),
    ];

    const before = togetherEvents('ft-1', first);
    const after = togetherEvents('ft-1', [...later].reverse());

    expect(after.slice(0, 2).map((e) => e.id)).toEqual(before.map((e) => e.id));
    // Two identical events are two events, each with its own id.
    expect(new Set(after.map((e) => e.id)).size).toBe(4);
    expect(after.map((e) => e.message)).toEqual(['a', 'b', 'b', 'c']);
    expect(after[0]).toMatchObject({
      level: 'info',
      type: 'message',
      data: { together_type: 'job_start' },
    });
    expect(togetherEvents('ft-2', first)[0]?.id).not.toBe(before[0]?.id);
  });

  it('writes the token in the suffix so that it reads back, and the key the resources use', () => {
    expect(CORE_TOKEN_KEY).toBe(CLIENT_TOKEN_KEY);
    for (const token of ['3f0c1d2e-4a5b-4c6d-8e7f-0123456789ab', 'run 7 — ünïcode', 'x']) {
      const tag = tokenTag(token);
      expect(tag).toMatch(/^t[kx][0-9a-f]+$/);
      expect(tokenInNames(`bot-${tag}`)).toBe(token);
      expect(tokenInNames(`me/Base-Model-bot-${tag}-1a2b3c4d`)).toBe(token);
      expect(userSuffix(`bot-${tag}`)).toBe('bot');
      expect(userSuffix(tag)).toBeNull();
    }
    expect(tokenInNames('support-bot', 'me/Model-support-bot-1a2b3c4d')).toBeUndefined();
    expect(userSuffix('support-bot')).toBe('support-bot');
  });
});
