import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, TuneKit, VERSION } from '../src/index.ts';
import { BASE_URL, TEST_KEY } from './support/constants.ts';
import { fileObject } from './support/fixtures.ts';

describe('TuneKit client', () => {
  const servers: Array<ReturnType<typeof setupServer>> = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });

  it('is intercepted by a consumer msw server that starts listening after the client exists', async () => {
    // Arrange: the client first, msw second — as in a test file that builds the client at import.
    const client = new TuneKit({ apiKey: TEST_KEY, baseURL: BASE_URL, logLevel: 'off' });
    const server = setupServer(
      http.get(`${BASE_URL}/files/:id`, ({ params }) =>
        HttpResponse.json(fileObject({ id: String(params.id) })),
      ),
    );
    servers.push(server);
    server.listen({ onUnhandledFrame: 'error' });

    // Act
    const file = await client.files.retrieve('file-intercepted');

    // Assert
    expect(file.id).toBe('file-intercepted');
  });

  it('sends the key, organization, project and a user agent on every request', async () => {
    const seen: Headers[] = [];
    const server = setupServer(
      http.get(`${BASE_URL}/models`, ({ request }) => {
        seen.push(request.headers);
        return HttpResponse.json({ object: 'list', data: [] });
      }),
    );
    servers.push(server);
    server.listen({ onUnhandledFrame: 'error' });
    const client = new TuneKit({
      apiKey: TEST_KEY,
      baseURL: BASE_URL,
      organization: 'org-42',
      project: 'proj-7',
      logLevel: 'off',
    });

    await client.models.list();

    expect(seen[0]?.get('authorization')).toBe(`Bearer ${TEST_KEY}`);
    expect(seen[0]?.get('openai-organization')).toBe('org-42');
    expect(seen[0]?.get('openai-project')).toBe('proj-7');
    expect(seen[0]?.get('user-agent')).toMatch(new RegExp(`^tunekit/${VERSION} \\(node v\\d+`));
    expect(seen[0]?.get('accept')).toBe('application/json');
  });

  it('refuses to start without a key and names the option and the variable', () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    try {
      const construct = () => new TuneKit({ baseURL: BASE_URL });

      expect(construct).toThrow(ConfigurationError);
      expect(construct).toThrow(/apiKey.*OPENAI_API_KEY/);
      try {
        construct();
      } catch (error) {
        expect((error as ConfigurationError).option).toBe('apiKey');
        expect((error as ConfigurationError).envVariable).toBe('OPENAI_API_KEY');
      }
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('never shows the key when inspected or serialized', () => {
    const client = new TuneKit({ apiKey: TEST_KEY, baseURL: BASE_URL });

    for (const shown of [client, client.files, client.jobs, client.chat.completions]) {
      expect(inspect(shown, { depth: 10, showHidden: true })).not.toContain(TEST_KEY);
    }
    expect(JSON.stringify(client)).not.toContain(TEST_KEY);
    expect(inspect(client)).toContain(BASE_URL);
  });
});
