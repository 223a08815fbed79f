import { http, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** What a test can check about one request the client sent. */
export interface RecordedCall {
  method: string;
  url: URL;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON, multipart fields (files as `{ name, size, text }`), text, or undefined. */
  body: unknown;
}

async function readBody(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!request.body) return undefined;
  if (type.includes('application/json')) return request.json();
  if (type.includes('multipart/form-data')) {
    const form = await request.formData();
    const fields: Record<string, unknown> = {};
    for (const [name, value] of form) {
      fields[name] =
        typeof value === 'string'
          ? value
          : { name: value.name, size: value.size, text: await value.text() };
    }
    return fields;
  }
  const text = await request.text();
  return text === '' ? undefined : text;
}

async function record(request: Request): Promise<RecordedCall> {
  const url = new URL(request.url);
  return {
    method: request.method,
    url,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: Object.fromEntries(request.headers),
    body: await readBody(request),
  };
}

/**
 * An msw server for one test file, set up the way a consumer would (`setupServer`), that
 * records every request so tests can assert on exactly what was sent. Unhandled requests fail
 * the test.
 *
 * Recording happens in a catch-all handler that runs before the test's own handlers and
 * falls through to them: it reads a clone of the body *before* a handler answers, because
 * once a handler answers without reading the body, msw closes the body stream and a clone
 * read later fails.
 */
export function useMockAPI() {
  const server = setupServer();
  let pending: Array<Promise<RecordedCall>> = [];
  const seen = new WeakSet<Request>();
  const recorder = http.all('*', async ({ request }) => {
    if (seen.has(request)) return;
    seen.add(request);
    const call = record(request.clone());
    pending.push(call);
    await call.catch(() => undefined);
  });
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    pending = [];
  });
  afterAll(() => server.close());
  return {
    server,
    /** Adds handlers for this test (msw's `server.use`), recorded like all others. */
    use: (...handlers: RequestHandler[]) => server.use(recorder, ...handlers),
    /** Every request sent so far in this test, in order. */
    calls: () => Promise.all(pending),
  };
}
