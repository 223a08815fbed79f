import { RouteError } from './route-error.ts';

/**
 * The most a JSON request body may hold, by default: API requests are kilobytes, and a chat
 * request with a long prompt a few megabytes. Routes that take files set their own limit.
 */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 ** 2;

/** The client stopped sending (or went away) before its body was complete: nobody to answer. */
export class ClientGoneError extends Error {
  override name = 'ClientGoneError';
}

/** 413, in the API's error shape, for a body over `limit` bytes. */
export function bodyTooLarge(size: number | undefined, limit: number): RouteError {
  const got = size === undefined ? `more than ${limit}` : String(size);
  return new RouteError(413, {
    message: `The request body is too large: ${got} bytes; this endpoint takes up to ${limit} bytes.`,
    code: 'request_too_large',
  });
}

/** The `content-length` a request announces, or undefined when it announces none (chunked). */
export function declaredLength(request: Request): number | undefined {
  const header = request.headers.get('content-length');
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header);
}

/**
 * A request body's bytes, read only up to `limit`: a body announced larger is refused before a
 * byte of it is read, and one that turns out larger is refused as soon as it passes the limit
 * (the rest stays unread). With a `content-length`, the bytes land in one buffer of that size
 * (no copies); without, in chunks joined once at the end.
 */
export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = declaredLength(request);
  if (declared !== undefined && declared > limit) throw bodyTooLarge(declared, limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  // A body longer than it announced (possible through fetch, not through node:http) spills into
  // chunks after the buffer.
  const sized = declared !== undefined ? new Uint8Array(declared) : undefined;
  let filled = 0;
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        void reader.cancel().catch(() => {});
        throw bodyTooLarge(undefined, limit);
      }
      if (sized && chunks.length === 0 && filled + value.byteLength <= sized.byteLength) {
        sized.set(value, filled);
        filled += value.byteLength;
      } else {
        chunks.push(value);
      }
    }
  } catch (error) {
    if (error instanceof RouteError) throw error;
    throw new ClientGoneError('The client went away while sending its request body.', {
      cause: error,
    });
  }
  const head = sized ? sized.subarray(0, filled) : undefined;
  if (head && chunks.length === 0) return head;
  return joinChunks(head ? [head, ...chunks] : chunks, total);
}

function joinChunks(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]?.byteLength === total) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
