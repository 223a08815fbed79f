import type { HttpHandler } from 'msw';
import type { FakeHandler } from '../dispatch.ts';
import { loadMsw } from './load-msw.ts';
import { urlPattern } from './origins.ts';

/**
 * One msw handler that hands every request under `origins` to the fake. A dropped connection
 * (`Response.error()`) is what msw itself uses for a network error, and a body that fails
 * midway reaches the client as a broken stream.
 */
export function mswHandlers(handle: FakeHandler, origins: readonly string[]): HttpHandler[] {
  const { http } = loadMsw();
  const handler = http.all(urlPattern(origins), ({ request }) => handle(request));
  return [handler as HttpHandler];
}
