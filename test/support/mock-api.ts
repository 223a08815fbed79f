import { http, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  type ReadBody,
  type RecordedCall,
  recordBody,
  recordCall,
} from '../../src/testing/call-log.ts';
import { isMultipart, readMultipartBody } from '../../src/testing/http/multipart-body.ts';
import { invalidRequest } from '../../src/testing/http/route-error.ts';

/** Each file field of a multipart body, with its text too: a mock checks what was sent, byte for byte. */
async function withFileTexts(request: Request, body: unknown): Promise<unknown> {
  if (!(request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) return body;
  const fields = { ...(body as Record<string, unknown>) };
  for (const [name, value] of await request.formData()) {
    if (typeof value !== 'string')
      fields[name] = { ...(fields[name] as object), text: await value.text() };
  }
  return fields;
}

/**
 * One request the client sent, in the fake's own shape (`RecordedCall` of `tunekit/testing`:
 * parsed JSON, multipart fields with `{ filename, bytes, type }` for files, query, headers).
 * Unlike the fake's log, which leaves credentials out, a mock keeps every header (what the
 * client sends as its key is what these tests check) and the text of uploaded files.
 */
async function record(request: Request): Promise<RecordedCall> {
  const call = recordCall(request, new URL(request.url), {
    route: null,
    flavour: null,
    at: Date.now(),
    secrets: [],
  });
  recordBody(call, await readForLog(request.clone()), []);
  return {
    ...call,
    headers: Object.fromEntries(request.headers),
    body: await withFileTexts(request, call.body),
  };
}

/** A body as the fake's log reads it (multipart streamed as the fake does), with no size cap. */
async function readForLog(request: Request): Promise<ReadBody> {
  if (!isMultipart(request)) {
    return { kind: 'bytes', bytes: new Uint8Array(await request.arrayBuffer()) };
  }
  const limits = {
    bodyBytes: Number.POSITIVE_INFINITY,
    fileBytes: Number.POSITIVE_INFINITY,
    fileTooLarge: () => invalidRequest('unreachable: no file size limit'),
  };
  return { kind: 'multipart', form: await readMultipartBody(request, limits) };
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
