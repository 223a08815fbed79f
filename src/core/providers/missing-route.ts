import { APIErrorBody } from '../../schemas/api-error-body.ts';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Whether an error answer says the endpoint has no such route, rather than no such object:
 * 405 and 501 always; 404 when the body is not in the API's `{"error": …}` shape (a gateway's
 * `{"detail": "Not Found"}`, an HTML page, nothing). A 404 in the API's shape is a missing
 * file, job or model, and stays a `NotFoundError`.
 */
export function isMissingRoute(status: number, text: string): boolean {
  if (status === 405 || status === 501) return true;
  if (status !== 404) return false;
  return !APIErrorBody.safeParse(parseJson(text)).success;
}
