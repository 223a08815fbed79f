import type { IncomingHttpHeaders } from 'node:http';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type APIError,
  type ClientOptions,
  JobFailedError,
  ResponseValidationError,
  TuneKit,
} from '../../src/index.ts';
import { memoryLogger } from '../support/client.ts';
import { eventObject, jobObject, list } from '../support/fixtures.ts';
import { startLoopbackServer } from '../support/loopback-server.ts';
import { chunk, sseEvent } from '../support/sse.ts';

// A hostile (or merely broken) server that echoes the credential it received back in every
// place a response has: headers, JSON values and property names (also behind JSON escapes),
// error bodies, server-sent events, HTML. Nothing of it may come out of the client.

const KEY = 'sk-test-ECHOED-0123456789abcdef';
const GATEWAY_SECRET = 'pk-test-GATEWAY-9876543210';

/** The credential the request carried, whatever its header. */
function credentialOf(headers: IncomingHttpHeaders): string {
  const value = String(headers.authorization ?? headers['api-key'] ?? headers['x-api-key'] ?? '');
  return value.replace(/^Bearer /, '');
}

/** `s` with every character as a JSON unicode escape: the same string once parsed. */
function escaped(s: string): string {
  return [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
}

async function startEchoServer() {
  return startLoopbackServer((request, response) => {
    const key = credentialOf(request.headers);
    const gateway = String(request.headers['x-portkey-api-key'] ?? '');
    const echo = `${key} ${gateway}`;
    const headers = {
      'x-request-id': `req-${key}`,
      'set-cookie': `session=${key}`,
      'x-echo': echo,
    };
    const json = (status: number, text: string) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(text);
    };
    // Azure's requests go to /openai/v1/…, the others' to /v1/….
    const path = request.target.split('?')[0]?.replace(/^\/openai/, '');
    if (path === '/v1/fine_tuning/jobs/ftjob-1') {
      const job = jobObject({
        id: 'ftjob-1',
        status: 'failed',
        error: { code: `code-${key}`, message: `Invalid key ${echo}`, param: key },
        metadata: { [key]: key },
      });
      // A secret behind JSON escapes, which only a parser sees.
      const text = JSON.stringify(job).replace(/}$/, `,"note":"${escaped(key)}"}`);
      json(200, text);
    } else if (path === '/v1/fine_tuning/jobs/ftjob-1/events') {
      json(
        200,
        JSON.stringify(
          list([eventObject(1, { message: `Retrying with ${echo}`, data: { [key]: key } })]),
        ),
      );
    } else if (path === '/v1/fine_tuning/jobs/ftjob-invalid') {
      // Fails validation at a path whose name is the key.
      json(200, JSON.stringify(jobObject({ metadata: { [key]: 5 as unknown as string } })));
    } else if (path === '/v1/fine_tuning/jobs/ftjob-deep') {
      // Nested deeper than zod (or JSON.stringify) can walk, the key escaped at the bottom.
      json(200, `{"id":${'['.repeat(20_000)}"${escaped(key)}"${']'.repeat(20_000)}}`);
    } else if (path === '/v1/models/html') {
      response.writeHead(200, { 'content-type': 'text/html', ...headers });
      response.end(`<html><body>Welcome ${echo}</body></html>`);
    } else if (path === '/v1/chat/completions') {
      response.writeHead(200, { 'content-type': 'text/event-stream', ...headers });
      response.write(sseEvent(chunk({ role: 'assistant', content: `Your key is ${echo}` })));
      response.write(
        `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":" and ${escaped(key)}"},"finish_reason":null}]}\n\n`,
      );
      response.end(sseEvent('[DONE]'));
    } else {
      json(
        401,
        JSON.stringify({
          error: {
            message: `Incorrect API key provided: ${echo}`,
            type: `type-${key}`,
            code: `code-${key}`,
            param: key,
            [key]: escaped(key),
          },
          [key]: true,
        }),
      );
    }
  });
}

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const PROVIDERS: Array<[string, (baseURL: string) => ClientOptions]> = [
  ['openai (Authorization)', (baseURL) => ({ apiKey: KEY, baseURL })],
  [
    'azure (api-key)',
    (baseURL) => ({ provider: 'azure', apiKey: KEY, endpoint: baseURL.replace(/\/v1$/, '') }),
  ],
  [
    'compatible (x-api-key) with a secret default header',
    (baseURL) => ({
      provider: 'compatible',
      apiKey: KEY,
      baseURL,
      authHeader: 'x-api-key',
      defaultHeaders: { 'x-portkey-api-key': GATEWAY_SECRET },
    }),
  ],
];

/** Everything a user, a log or a CLI could show of a value. */
function shown(value: unknown): string {
  return [
    inspect(value, { depth: 30, showHidden: true }),
    JSON.stringify(value),
    value instanceof Error ? `${value.message}\n${value.stack}` : '',
  ].join('\n');
}

describe.each(PROVIDERS)('secrets echoed by a real server, %s', (_, options) => {
  it('never come back out: objects, errors, events, headers, logs', async () => {
    const server = await startEchoServer();
    servers.push(server);
    const { logger, lines } = memoryLogger();
    const client = new TuneKit({
      ...options(`${server.url}/v1`),
      logger,
      logLevel: 'debug',
      maxRetries: 0,
    });

    const { data: job, response, requestId } = await client.jobs.retrieve('ftjob-1').withResponse();
    const rawText = await response.text();
    const events = [];
    for await (const event of client.jobs.events('ftjob-1')) events.push(event);
    const failed = await client.jobs.wait('ftjob-1', { pollInterval: 1 }).catch((e: unknown) => e);
    const apiError = await client.models.list().catch((e: unknown) => e);
    const htmlError = await client.models.retrieve('html').catch((e: unknown) => e);
    const invalid = await client.jobs.retrieve('ftjob-invalid').catch((e: unknown) => e);
    const deep = await client.jobs.retrieve('ftjob-deep').catch((e: unknown) => e);
    const streamed: unknown[] = [];
    for await (const part of client.chat.completions.stream({ model: 'm', messages: [] })) {
      streamed.push(part);
    }

    // The echoes did arrive, in redacted form.
    expect(job.error?.message).toContain('Invalid key [redacted]');
    expect(job.metadata).toEqual({ '[redacted]': '[redacted]' });
    expect((job as Record<string, unknown>).note).toBe('[redacted]');
    expect(requestId).toBe('req-[redacted]');
    expect(failed).toBeInstanceOf(JobFailedError);
    expect((apiError as APIError).status).toBe(401);
    expect((apiError as APIError).requestId).toBe('req-[redacted]');
    expect(htmlError).toBeInstanceOf(ResponseValidationError);
    expect((htmlError as Error).message).toContain('Welcome [redacted]');
    expect(invalid).toBeInstanceOf(ResponseValidationError);
    expect((invalid as ResponseValidationError).issues[0]?.path).toContain('[redacted]');
    expect(streamed).toHaveLength(2);
    expect(deep).toBeInstanceOf(ResponseValidationError);

    const everything = [
      shown(job),
      rawText,
      shown(Object.fromEntries(response.headers)),
      shown(events),
      shown(failed),
      shown(apiError),
      shown(htmlError),
      shown(invalid),
      shown(deep),
      shown(streamed),
      shown(lines),
      String(requestId),
    ].join('\n');
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(GATEWAY_SECRET);
    // Nothing escaped survived either (the escaped form is ASCII, so check it literally).
    expect(everything).not.toContain(escaped(KEY));
  });
});
