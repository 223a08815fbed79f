import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE_URL, TEST_KEY } from './support/constants.ts';

// msw starts before tunekit is even imported (as when a setup file runs first): the client
// must still send every request through msw.
const server = setupServer(
  http.get(`${BASE_URL}/models`, () =>
    HttpResponse.json({ object: 'list', data: [{ id: 'mocked', object: 'model' }] }),
  ),
);
server.listen({ onUnhandledFrame: 'error' });
afterAll(() => server.close());

describe('msw installed before tunekit is imported', () => {
  it('still intercepts the client’s requests', async () => {
    const { TuneKit } = await import('../src/index.ts');
    const client = new TuneKit({ apiKey: TEST_KEY, baseURL: BASE_URL, logLevel: 'off' });

    const page = await client.models.list();

    expect(page.data.map((m) => m.id)).toEqual(['mocked']);
  });
});
