import type { z } from 'zod';
import { invalidRequest, RouteError } from './route-error.ts';
import { requestErrorFromZod } from './zod-error.ts';

/** What the real service says about a body that is not JSON. */
const NOT_JSON =
  'We could not parse the JSON body of your request. The API expects a JSON payload, but what was sent was not valid JSON.';

/** The JSON value of a request body, or a 400 in the API's shape. */
export function parseJsonBody(bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0) throw new RouteError(400, { message: NOT_JSON });
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new RouteError(400, { message: NOT_JSON });
  }
}

/** A JSON body checked against a request schema; the first problem becomes a 400 with `param`. */
export function readJsonBody<T>(bytes: Uint8Array, schema: z.ZodType<T>): T {
  const input = parseJsonBody(bytes);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw invalidRequest('The request body must be a JSON object.');
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw requestErrorFromZod(parsed.error, input);
  return parsed.data;
}
