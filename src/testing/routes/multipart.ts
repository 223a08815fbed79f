import type { MultipartBody } from '../http/multipart-body.ts';
import type { RouteContext } from '../route-context.ts';

/**
 * The fields and files of a multipart route's body, read by the core as it streamed in (see
 * `readMultipartBody`); only routes declaring a multipart body have one.
 */
export function formOf(context: RouteContext): MultipartBody {
  if (!context.form) {
    throw new Error(
      `${context.request.method} ${context.url.pathname} declares no multipart body.`,
    );
  }
  return context.form;
}
