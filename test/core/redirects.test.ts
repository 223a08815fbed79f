import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/core/http-client.ts';
import { resolveClientOptions } from '../../src/core/options.ts';
import { Redactor } from '../../src/core/redact.ts';
import { createDefaultTransport } from '../../src/core/transport.ts';
import { type ClientOptions, RedirectError, TuneKit } from '../../src/index.ts';
import { memoryLogger } from '../support/client.ts';
import { jobObject } from '../support/fixtures.ts';
import { type SeenRequest, sendJson, startLoopbackServer } from '../support/loopback-server.ts';

const KEY = 'sk-test-REDIRECT-0123456789abcd';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof startLoopbackServer>[0]) {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  return server;
}

function redirect(
  response: Parameters<Parameters<typeof startLoopbackServer>[0]>[1],
  status: number,
  location: string,
) {
  response.writeHead(status, { location });
  response.end();
}

/** Every credential a client of each provider holds, as they arrive at a server. */
const CREDENTIAL_HEADERS = [
  'authorization',
  'api-key',
  'x-api-key',
  'x-portkey-api-key',
  'cookie',
  'openai-organization',
  'openai-project',
];

function credentialsIn(request: SeenRequest): string[] {
  return CREDENTIAL_HEADERS.filter((name) => request.headers[name] !== undefined);
}

const PROVIDERS: Array<[string, (baseURL: string) => ClientOptions]> = [
  [
    'openai (Authorization, organization, project, a cookie)',
    (baseURL) => ({
      apiKey: KEY,
      baseURL,
      organization: 'org-1',
      project: 'proj-1',
      defaultHeaders: { cookie: 'session=abc' },
    }),
  ],
  [
    'azure (api-key)',
    (baseURL) => ({
      provider: 'azure',
      apiKey: KEY,
      baseURL: `${baseURL.replace(/\/v1$/, '')}/openai/v1`,
    }),
  ],
  [
    'compatible (x-api-key and a gateway header)',
    (baseURL) => ({
      provider: 'compatible',
      apiKey: KEY,
      baseURL,
      authHeader: 'x-api-key',
      defaultHeaders: { 'x-portkey-api-key': 'pk-test-0123456789' },
    }),
  ],
];

describe.each(PROVIDERS)('a redirect to another origin, %s', (_, options) => {
  it('is refused: nothing reaches the other origin, not the credentials, not the body', async () => {
    const elsewhere = await serve((_request, response) => sendJson(response, 200, jobObject()));
    const api = await serve((request, response) =>
      redirect(response, 307, `${elsewhere.url}${request.target}`),
    );
    const client = new TuneKit({ ...options(`${api.url}/v1`), logLevel: 'off', maxRetries: 2 });

    const started = performance.now();
    const get = await client.jobs.retrieve('ftjob-1').catch((e: unknown) => e);
    const post = await client.jobs
      .create(
        { model: 'gpt-4o-mini-2024-07-18', training_file: 'file-1' },
        { lifecycleWarning: false },
      )
      .catch((e: unknown) => e);
    const elapsed = performance.now() - started;

    for (const error of [get, post]) {
      expect(error).toBeInstanceOf(RedirectError);
      expect((error as RedirectError).reason).toBe('cross-origin');
      expect((error as RedirectError).targetOrigin).toBe(elsewhere.url);
      expect((error as Error).message).toContain(`to ${elsewhere.url}`);
    }
    expect(elsewhere.seen).toEqual([]);
    // Not retried: each request once (Azure and gateways also look the model up first).
    const sent = api.seen.map((r) => `${r.method} ${r.target}`);
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent.filter((r) => r.includes('/fine_tuning/jobs'))).toHaveLength(2);
    expect(credentialsIn(api.seen[0] as SeenRequest).length).toBeGreaterThan(0);
    console.info(
      `cross-origin 307: refused after ${api.seen.length} requests in ${Math.round(elapsed)} ms`,
    );
  });
});

describe('redirects within the API’s origin', () => {
  it('follows them for GET, with the credentials, a bounded number of times', async () => {
    const server = await serve((request, response) => {
      if (request.target === '/v1/fine_tuning/jobs/old')
        redirect(response, 301, '/v1/fine_tuning/jobs/ftjob-1');
      else if (request.target === '/v1/fine_tuning/jobs/loop')
        redirect(response, 302, '/v1/fine_tuning/jobs/loop');
      else if (request.target === '/v1/fine_tuning/jobs/nowhere') {
        response.writeHead(302);
        response.end();
      } else sendJson(response, 200, jobObject({ id: 'ftjob-1' }));
    });
    const client = new TuneKit({ apiKey: KEY, baseURL: `${server.url}/v1`, logLevel: 'off' });

    const job = await client.jobs.retrieve('old');
    const loop = await client.jobs.retrieve('loop').catch((e: unknown) => e);
    const nowhere = await client.jobs.retrieve('nowhere').catch((e: unknown) => e);

    expect(job.id).toBe('ftjob-1');
    expect(server.seen[1]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(loop).toBeInstanceOf(RedirectError);
    expect((loop as RedirectError).reason).toBe('too-many');
    expect((nowhere as RedirectError).reason).toBe('no-location');
    // 2 for the first request; 1 + 5 redirects for the loop, and no retry of it; 1 for nowhere.
    expect(server.seen).toHaveLength(2 + 6 + 1);
  });

  it('resends a replayable body on 307/308, refuses to turn a POST into a GET on 301/302', async () => {
    const server = await serve((request, response) => {
      if (request.target === '/v1/fine_tuning/jobs' && request.method === 'POST') {
        if (!request.headers['x-moved']) redirect(response, 308, '/v1/fine_tuning/jobs?moved=1');
        else redirect(response, 302, '/v1/fine_tuning/jobs');
      } else sendJson(response, 200, jobObject({ id: 'ftjob-new' }));
    });
    const client = new TuneKit({ apiKey: KEY, baseURL: `${server.url}/v1`, logLevel: 'off' });
    const params = { model: 'gpt-4o-mini-2024-07-18', training_file: 'file-1' };

    const job = await client.jobs.create(params, {
      lifecycleWarning: false,
      idempotencyToken: false,
    });
    const refused = await client.jobs
      .create(params, {
        lifecycleWarning: false,
        idempotencyToken: false,
        headers: { 'x-moved': '1' },
      })
      .catch((e: unknown) => e);

    expect(job.id).toBe('ftjob-new');
    const [first, second] = server.seen;
    expect(second?.method).toBe('POST');
    expect(second?.target).toBe('/v1/fine_tuning/jobs?moved=1');
    expect(second?.body.toString()).toBe(first?.body.toString());
    expect(refused).toBeInstanceOf(RedirectError);
    expect((refused as RedirectError).reason).toBe('method');
  });

  it('refuses any redirect of a streamed upload, without reading the file twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-redirect-'));
    const path = join(dir, 'train.jsonl');
    await writeFile(path, '{"messages":[]}\n');
    const server = await serve((_request, response) =>
      redirect(response, 307, '/v1/files-elsewhere'),
    );
    const client = new TuneKit({ apiKey: KEY, baseURL: `${server.url}/v1`, logLevel: 'off' });

    const error = await client.files
      .create({ file: path, purpose: 'fine-tune' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RedirectError);
    expect((error as RedirectError).reason).toBe('streamed-body');
    expect(server.seen.map((r) => r.target)).toEqual(['/v1/files']);
  });

  it('hands the 3xx to a caller that asks for it (an upload answered with a signed URL)', async () => {
    const server = await serve((_request, response) =>
      redirect(response, 302, 'https://storage.example.test/bucket/obj?X-Signature=abc'),
    );
    const resolved = resolveClientOptions(
      { apiKey: KEY, baseURL: `${server.url}/v1`, logLevel: 'off' },
      {},
    );
    const http = new HttpClient({
      options: resolved,
      baseHeaders: { authorization: `Bearer ${KEY}` },
      transport: createDefaultTransport(),
      logger: memoryLogger().logger,
      redactor: new Redactor([KEY]),
    });

    const { response } = await http.open({
      method: 'POST',
      path: '/files',
      redirect: 'return',
      body: { kind: 'json', value: { purpose: 'fine-tune' } },
    });

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(
      'https://storage.example.test/bucket/obj?X-Signature=abc',
    );
    expect(server.seen).toHaveLength(1);
  });
});
