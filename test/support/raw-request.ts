import type { FakeOpenAI } from '../../src/testing/index.ts';
import { TEST_API_KEY } from './fake-client.ts';

/** A request straight to the fake's core, as a client would send it. */
export interface RawRequest {
  method?: string;
  /** Path with its base and query: `/v1/files?limit=2`. */
  path: string;
  /** JSON body (serialized here) or a ready-made body. */
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** `bearer` (default), `api-key`, or `none`. */
  auth?: 'bearer' | 'api-key' | 'none';
}

/** Sends a request to `fake.handle` and returns the status, headers and parsed JSON body. */
export async function send(fake: FakeOpenAI, request: RawRequest) {
  const headers: Record<string, string> = { ...request.headers };
  const auth = request.auth ?? 'bearer';
  if (auth === 'bearer') headers.authorization = `Bearer ${TEST_API_KEY}`;
  if (auth === 'api-key') headers['api-key'] = TEST_API_KEY;
  let body = request.body;
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  }
  const response = await fake.handle(
    new Request(`https://api.openai.com${request.path}`, {
      method: request.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
    }),
  );
  const text = response.type === 'error' ? '' : await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API sent.
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, type: response.type, headers: response.headers, text, json };
}

/** A multipart body with a purpose and one file. */
export function fileForm(
  content: string | Uint8Array,
  filename: string,
  purpose = 'fine-tune',
): FormData {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', new Blob([content as BlobPart]), filename);
  return form;
}
