import { describe, expect, it } from 'vitest';
import { createFakeOpenAI } from '../../src/testing/index.ts';
import { TEST_API_KEY } from '../support/fake-client.ts';
import { send } from '../support/raw-request.ts';

const ERROR_SHAPE = {
  error: {
    message: expect.any(String),
    type: expect.any(String),
    param: expect.toSatisfy((v) => v === null || typeof v === 'string'),
    code: expect.toSatisfy((v) => v === null || typeof v === 'string'),
  },
};

describe('authentication and routing', () => {
  it('answers a request without a key with 401 in the API error shape', async () => {
    const fake = createFakeOpenAI();
    const { status, json } = await send(fake, { path: '/v1/models', auth: 'none' });
    expect(status).toBe(401);
    expect(json).toEqual(ERROR_SHAPE);
    expect(json.error.message).toContain("You didn't provide an API key");
  });

  it('rejects a malformed Authorization header with invalid_api_key', async () => {
    const fake = createFakeOpenAI();
    const { status, json } = await send(fake, {
      path: '/v1/models',
      auth: 'none',
      headers: { authorization: 'Basic abc' },
    });
    expect(status).toBe(401);
    expect(json.error).toMatchObject({ code: 'invalid_api_key', param: null });
  });

  it('tells an OpenAI-path caller who sent an api-key header how to authenticate', async () => {
    const fake = createFakeOpenAI();
    const { status, json } = await send(fake, { path: '/v1/models', auth: 'api-key' });
    expect(status).toBe(401);
    expect(json.error.message).toContain("'api-key' header was sent");
  });

  it('accepts only the configured keys and never repeats the wrong one', async () => {
    const fake = createFakeOpenAI({ apiKeys: ['sk-the-right-key-123456'] });
    const { status, text } = await send(fake, { path: '/v1/models' });
    expect(status).toBe(401);
    expect(text).toContain('Incorrect API key provided');
    expect(text).not.toContain(TEST_API_KEY);
  });

  it('serves the Azure base path with the api-key header and an optional api-version', async () => {
    const fake = createFakeOpenAI();
    const ok = await send(fake, { path: '/openai/v1/models?api-version=preview', auth: 'api-key' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('apim-request-id')).toMatch(/^req_/);
    expect(ok.json.data.map((m: { id: string }) => m.id)).toContain('gpt-4.1-mini-2025-04-14');

    const missing = await send(fake, { path: '/openai/v1/models', auth: 'none' });
    expect(missing.status).toBe(401);
    expect(missing.json.error.message).toContain('Access denied due to invalid subscription key');

    const badVersion = await send(fake, {
      path: '/openai/v1/models?api-version=v9',
      auth: 'api-key',
    });
    expect(badVersion.status).toBe(400);
    // Azure's error shape: the parameter is the `target`, OpenAI's code the inner error.
    expect(badVersion.json.error).toMatchObject({
      code: 'invalidPayload',
      target: 'api-version',
      innererror: { code: 'unsupported_api_version' },
    });
  });

  it('answers unknown routes and wrong methods with 404 Invalid URL', async () => {
    const fake = createFakeOpenAI();
    const unknown = await send(fake, { path: '/v1/engines' });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual(ERROR_SHAPE);
    expect(unknown.json.error.message).toBe('Invalid URL (GET /v1/engines)');

    const wrongMethod = await send(fake, { method: 'DELETE', path: '/v1/fine_tuning/jobs' });
    expect(wrongMethod.status).toBe(404);
    expect(wrongMethod.json.error.message).toBe('Invalid URL (DELETE /v1/fine_tuning/jobs)');

    const outsideBase = await send(fake, { path: '/v2/models' });
    expect(outsideBase.status).toBe(404);
  });

  it('answers a body that is not JSON with a 400 that says so', async () => {
    const fake = createFakeOpenAI();
    const { status, json } = await send(fake, {
      path: '/v1/fine_tuning/jobs',
      body: '{"model": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(status).toBe(400);
    expect(json.error.message).toContain('could not parse the JSON body');
  });

  it('gives every response a request id', async () => {
    const fake = createFakeOpenAI();
    const { headers } = await send(fake, { path: '/v1/models' });
    expect(headers.get('x-request-id')).toMatch(/^req_[a-z0-9]{32}$/);
  });
});
