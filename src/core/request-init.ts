import { rawBody } from './multipart.ts';
import type { RequestBody } from './request-spec.ts';

/** What one hop of a request sends. */
export interface HopRequest {
  method: string;
  headers: Headers;
  body: RequestBody | undefined;
  signal: AbortSignal;
  /** The request spec's redirect mode (`follow` by default). */
  redirect: 'follow' | 'return' | undefined;
}

/**
 * The fetch options of one hop: the body encoded (JSON, a form, raw bytes, or a multipart stream made anew), its
 * content headers, and the redirect mode. Redirects are tunekit's to decide (`nextHop`), never
 * fetch's, so fetch gets `manual` — except for a streamed body, which asks fetch to refuse
 * redirects outright: with `manual` (or `follow`), Node 22's fetch tees the body to be able to
 * send it again, and keeps every byte of the upload in memory until the request ends.
 */
export function requestInit(hop: HopRequest): RequestInit {
  const { headers, body } = hop;
  const init: RequestInit & { duplex?: 'half' } = {
    method: hop.method,
    headers,
    signal: hop.signal,
    redirect: 'manual',
  };
  if (body?.kind === 'json') {
    headers.set('content-type', 'application/json');
    init.body = JSON.stringify(body.value);
  } else if (body?.kind === 'form') {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    init.body = new URLSearchParams(body.fields).toString();
  } else if (body?.kind === 'bytes') {
    const { source } = body;
    headers.set('content-type', 'application/octet-stream');
    if (source.kind === 'blob') headers.set('content-length', String(source.size));
    init.body = source.kind === 'blob' ? rawBody(source.blob) : source.stream;
    init.duplex = 'half';
    if (hop.redirect !== 'return') init.redirect = 'error';
  } else if (body?.kind === 'multipart') {
    const made = body.payload.make();
    headers.set('content-type', made.contentType);
    if (made.contentLength !== undefined) headers.set('content-length', String(made.contentLength));
    init.body = made.body;
    // A stream body needs half-duplex mode in Node's fetch.
    init.duplex = 'half';
    if (hop.redirect !== 'return') init.redirect = 'error';
  }
  return init;
}
