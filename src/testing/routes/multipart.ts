import { invalidRequest } from '../http/api-error.ts';
import type { RouteContext } from '../route-context.ts';

/**
 * The form fields of a `multipart/form-data` body, parsed by the platform's own `FormData`
 * parser (no hand-written multipart code).
 */
export async function readMultipart(context: RouteContext): Promise<FormData> {
  const type = context.request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw invalidRequest(
      `Invalid Content-Type header (${type || 'none'}): this endpoint expects multipart/form-data.`,
    );
  }
  try {
    return await new Request(context.url, {
      method: 'POST',
      headers: { 'content-type': type },
      body: context.body as Uint8Array<ArrayBuffer>,
    }).formData();
  } catch {
    throw invalidRequest('The multipart/form-data body could not be parsed.');
  }
}
