import { invalidRequest } from '../../http/route-error.ts';
import type { RouteContext } from '../../route-context.ts';

/**
 * The fields of the small form that starts a Together upload, sent as `multipart/form-data` by
 * Together's Python SDKs (the TS client puts them in the query): read with the platform's own
 * `FormData` parser from bytes the core has already read within its limit.
 */
export async function readFormFields(context: RouteContext): Promise<FormData> {
  const type = context.request.headers.get('content-type') ?? '';
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
