import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { testClient } from '../../support/client.ts';
import { BASE_URL } from '../../support/constants.ts';
import { useMockAPI } from '../../support/mock-api.ts';

const api = useMockAPI();
const FT = 'ft:gpt-4o-mini-2024-07-18:acme:bot:abc123';

describe('models', () => {
  it('lists models in one page (the endpoint has no cursor) with shutdown dates', async () => {
    api.use(
      http.get(`${BASE_URL}/models`, () =>
        HttpResponse.json({
          object: 'list',
          data: [
            { id: 'gpt-4o-mini', object: 'model', created: 1, owned_by: 'system' },
            { id: FT, object: 'model', created: 2, owned_by: 'acme', shutdown_date: '2027-01-14' },
          ],
        }),
      ),
    );

    const ids: string[] = [];
    for await (const model of testClient().models.list()) ids.push(model.id);
    const page = await testClient().models.list();

    expect(ids).toEqual(['gpt-4o-mini', FT]);
    expect(page.data[1]?.shutdown_date).toBe('2027-01-14');
    expect(page.hasNextPage()).toBe(false);
  });

  it('retrieves and deletes a fine-tuned model, keeping the colons of its name in the path', async () => {
    api.use(
      http.get(`${BASE_URL}/models/:id`, ({ params }) =>
        HttpResponse.json({ id: params.id, object: 'model', created: 2, owned_by: 'acme' }),
      ),
      http.delete(`${BASE_URL}/models/:id`, ({ params }) =>
        HttpResponse.json({ id: params.id, object: 'model', deleted: true }),
      ),
    );
    const client = testClient();

    const model = await client.models.retrieve(FT);
    const deleted = await client.models.delete(FT);

    expect(model.id).toBe(FT);
    expect(deleted).toMatchObject({ id: FT, deleted: true });
    const calls = await api.calls();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `GET /v1/models/${FT}`,
      `DELETE /v1/models/${FT}`,
    ]);
  });

  it('accepts Azure-style models without created or owned_by', async () => {
    api.use(
      http.get(`${BASE_URL}/models/gpt-4o`, () =>
        HttpResponse.json({ id: 'gpt-4o', object: 'model', created_at: 5, status: 'succeeded' }),
      ),
    );

    const model = await testClient().models.retrieve('gpt-4o');

    expect(model.created_at).toBe(5);
  });
});
