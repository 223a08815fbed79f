/** How a body being read is bounded and how its failures are named. */
export interface BodyLimits {
  /** Most bytes (after decompression) to read; `Infinity` for downloads. */
  maxBytes: number;
  /** The error for a body over `maxBytes`: `declared` is its content-length when it had one. */
  tooLarge(received: number, declared: number | undefined): Error;
}

/** The declared length of a body, when the server sent a valid one. */
export function declaredLength(headers: Headers): number | undefined {
  const value = headers.get('content-length');
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value);
}

/**
 * Reads a whole body as UTF-8 text, refusing to hold more than `limits.maxBytes`: a declared
 * length over the limit fails before reading anything, and the decompressed bytes are counted
 * as they arrive, so a compressed "bomb" stops inflating at the limit. The body is cancelled
 * when reading stops early. Transport failures are thrown as they are, for the caller to type.
 */
export async function readText(response: Response, limits: BodyLimits): Promise<string> {
  const declared = declaredLength(response.headers);
  if (declared !== undefined && declared > limits.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw limits.tooLarge(0, declared);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      received += value.byteLength;
      if (received > limits.maxBytes) {
        await reader.cancel().catch(() => {});
        throw limits.tooLarge(received, undefined);
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    reader.releaseLock();
  }
}

/** How a body handed to the caller is watched. */
export interface BodyGuard {
  /** How long one read may wait for the next bytes before the request is abandoned. */
  idleMs: number;
  /** Aborts the request (and so the body): called when a read waited `idleMs`. */
  abort(): void;
  /** The typed error for a failed read, given how many bytes had arrived. */
  failure(error: unknown, received: number, timedOut: boolean): Error;
}

/**
 * The body of a response handed to the caller (a download, an event stream), with its failures
 * typed and a stall bounded: each read may wait `idleMs` for bytes — the same `timeout` that
 * bounded the wait for the headers — after which the request is aborted and the read fails
 * with `APIConnectionTimeoutError`. Time the caller spends not reading does not count. Bytes
 * are pulled only as the caller reads, so nothing is buffered here.
 *
 * @example
 * new Response(guardedBody(response.body, guard), response);
 */
export function guardedBody(
  body: ReadableStream<Uint8Array>,
  guard: BodyGuard,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let received = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let timedOut = false;
        timer = setTimeout(() => {
          timedOut = true;
          guard.abort();
        }, guard.idleMs);
        // The socket keeps the process alive while a read is pending; this timer must not
        // keep it alive once nothing else does (a read left pending by a finished consumer).
        timer.unref();
        try {
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            return;
          }
          received += value.byteLength;
          controller.enqueue(value);
        } catch (error) {
          controller.error(guard.failure(error, received, timedOut));
        } finally {
          clearTimeout(timer);
        }
      },
      cancel(reason) {
        // A read under way when the caller gives up must not leave its stall timer behind.
        clearTimeout(timer);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
