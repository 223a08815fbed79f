import type { ApiError } from './api-error.ts';

/** A JSON response with the given status and extra headers. */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** The response for an {@link ApiError}: its status, its headers and the API's error body. */
export function errorResponse(error: ApiError): Response {
  return jsonResponse(error.body(), error.status, error.headers);
}
