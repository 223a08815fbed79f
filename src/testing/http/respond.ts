import type { RouteError } from './route-error.ts';

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

/** The response for an {@link RouteError}: its status, its headers and the API's error body. */
export function errorResponse(error: RouteError): Response {
  return jsonResponse(error.body(), error.status, error.headers);
}
