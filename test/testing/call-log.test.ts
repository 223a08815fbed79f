import { describe, expect, it } from 'vitest';
import { createFakeOpenAI } from '../../src/testing/index.ts';
import { clientFor, TEST_API_KEY, uploadTrainingFile } from '../support/fake-client.ts';
import { send } from '../support/raw-request.ts';
import { chatTrainingFile } from '../support/training-data.ts';

describe('fake.calls', () => {
  it('records method, path, route, query, headers and the parsed body of each request', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const trainingFile = await uploadTrainingFile(client, chatTrainingFile(12));
    await client.jobs.create({ model: 'gpt-4o-mini', training_file: trainingFile, suffix: 'geo' });
    await client.jobs.list({ limit: 5, metadata: { team: 'search' } });

    const [upload, create, list] = fake.calls;
    expect(upload).toMatchObject({
      method: 'POST',
      path: '/v1/files',
      route: 'files.create',
      flavour: 'openai',
      auth: 'bearer',
      status: 200,
      body: { purpose: 'fine-tune', file: { filename: 'train.jsonl', bytes: expect.any(Number) } },
    });
    expect(create).toMatchObject({
      route: 'jobs.create',
      body: { model: 'gpt-4o-mini', training_file: trainingFile, suffix: 'geo' },
    });
    expect(create?.headers['content-type']).toBe('application/json');
    expect(list).toMatchObject({
      route: 'jobs.list',
      query: { limit: '5', 'metadata[team]': 'search' },
    });
  });

  it('never keeps the API key, whether sent as Bearer, as api-key, or echoed in the body', async () => {
    const fake = createFakeOpenAI();
    await send(fake, { path: '/v1/models' });
    await send(fake, { path: '/openai/v1/models', auth: 'api-key' });
    await send(fake, {
      path: `/v1/chat/completions?note=${TEST_API_KEY}`,
      json: {
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: `my key is ${TEST_API_KEY}` }],
      },
    });
    const logged = JSON.stringify(fake.calls);
    expect(fake.calls).toHaveLength(3);
    expect(logged).not.toContain(TEST_API_KEY);
    expect(fake.calls.map((c) => c.auth)).toEqual(['bearer', 'api-key', 'bearer']);
    expect(fake.calls[1]?.headers).not.toHaveProperty('api-key');
    expect(fake.calls[0]?.headers).not.toHaveProperty('authorization');
  });

  it('records rejected requests too, with no route for unknown URLs', async () => {
    const fake = createFakeOpenAI();
    await send(fake, { path: '/v1/nowhere' });
    await send(fake, { path: '/v1/models', auth: 'none' });
    expect(fake.calls.map((c) => [c.route, c.status])).toEqual([
      [null, 404],
      ['models.list', 401],
    ]);
  });

  it('is emptied by reset(), together with the state and the faults', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    await uploadTrainingFile(client, chatTrainingFile(12));
    fake.inject({ route: 'files.list', status: 500 });
    fake.reset();
    expect(fake.calls).toHaveLength(0);
    expect((await client.files.list()).data).toHaveLength(0);
  });
});
