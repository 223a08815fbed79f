import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { APIError } from '../../src/index.ts';
import { memoryLogger, testClient } from '../support/client.ts';
import { BASE_URL, TEST_KEY } from '../support/constants.ts';
import { useMockAPI } from '../support/mock-api.ts';

const api = useMockAPI();

describe('the API key never leaks', () => {
  it('is removed from errors built from a response that echoes it everywhere', async () => {
    // A broken gateway echoes the credentials in the message, a header and the body.
    api.use(
      http.get(`${BASE_URL}/models`, ({ request }) => {
        const auth = request.headers.get('authorization') ?? '';
        return HttpResponse.json(
          { error: { message: `Bad key: ${auth}`, type: 'auth', param: null, code: auth } },
          { status: 401, headers: { 'x-echo': auth, authorization: auth } },
        );
      }),
    );
    const { logger, lines } = memoryLogger();

    const error = (await testClient({ logger, logLevel: 'debug' })
      .models.list()
      .catch((e: unknown) => e)) as APIError;

    expect(error.status).toBe(401);
    const shown = [
      error.message,
      inspect(error, { depth: 20, showHidden: true }),
      JSON.stringify(error),
      String(error.stack),
      inspect(lines, { depth: 20 }),
    ];
    for (const text of shown) expect(text).not.toContain(TEST_KEY);
    expect(error.message).toContain('Bad key: Bearer [redacted]');
    expect(error.headers.authorization).toBe('[redacted]');
    // The debug log did record the request, just not the key.
    expect(lines.some((l) => l.message.startsWith('→ GET'))).toBe(true);
  });

  it('is removed from retry warnings', async () => {
    let n = 0;
    api.use(
      http.get(`${BASE_URL}/models`, ({ request }) => {
        n += 1;
        if (n > 1) return HttpResponse.json({ object: 'list', data: [] });
        return HttpResponse.json(
          { error: { message: `overloaded for ${request.headers.get('authorization')}` } },
          { status: 503, headers: { 'retry-after-ms': '1' } },
        );
      }),
    );
    const { logger, lines } = memoryLogger();

    await testClient({ logger, logLevel: 'warn' }).models.list();

    expect(lines).toHaveLength(1);
    expect(lines[0]?.message).toContain('overloaded for Bearer [redacted]');
    expect(inspect(lines, { depth: 20 })).not.toContain(TEST_KEY);
  });
});
