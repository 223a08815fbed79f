import { Readable } from 'node:stream';
import { bodyTooLarge, ClientGoneError, declaredLength } from './request-body.ts';
import type { RouteError } from './route-error.ts';
import { invalidRequest } from './route-error.ts';

/** A file part of a multipart body. */
export interface UploadedFile {
  /** The part's `filename` (may be empty). */
  filename: string;
  /** The part's `Content-Type`, `application/octet-stream` when it names none. */
  type: string;
  bytes: Uint8Array;
}

/**
 * A `multipart/form-data` body: text fields and file parts by name (the first of a repeated
 * name, as `FormData.get` gives). A part is a file when it has a `filename`, as in the
 * platform's own parser.
 */
export interface MultipartBody {
  fields: Map<string, string>;
  files: Map<string, UploadedFile>;
}

/** How much a multipart route takes. */
export interface MultipartLimits {
  /** The whole body, envelope included. */
  bodyBytes: number;
  /** One file part. */
  fileBytes: number;
  /** The route's own error for a file over `fileBytes` (the API's words for its limit). */
  fileTooLarge(): RouteError;
}

const NOT_PARSABLE = 'The multipart/form-data body could not be parsed.';

/** Whether a request says its body is `multipart/form-data`. */
export function isMultipart(request: Request): boolean {
  return (request.headers.get('content-type') ?? '')
    .toLowerCase()
    .startsWith('multipart/form-data');
}

/**
 * Reads a `multipart/form-data` body as it streams in (busboy): each file part goes straight
 * into one buffer, so an upload is held once, never as a whole request plus copies. Bodies or
 * files over the limits are refused as soon as they pass them, and the rest is left unread.
 */
export async function readMultipartBody(
  request: Request,
  limits: MultipartLimits,
): Promise<MultipartBody> {
  const type = request.headers.get('content-type') ?? '';
  if (!isMultipart(request)) {
    throw invalidRequest(
      `Invalid Content-Type header (${type || 'none'}): this endpoint expects multipart/form-data.`,
    );
  }
  const declared = declaredLength(request);
  if (declared !== undefined && declared > limits.bodyBytes) {
    throw bodyTooLarge(declared, limits.bodyBytes);
  }
  // Loaded on the first multipart request only: most uses of the fake never upload.
  const { Busboy } = await import('@fastify/busboy');
  const source = request.body
    ? Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>)
    : Readable.from([]);
  const body: MultipartBody = { fields: new Map(), files: new Map() };

  return new Promise<MultipartBody>((resolve, reject) => {
    let settled = false;
    const files = new Set<Readable>();
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      source.unpipe();
      // Stop pulling from the client; what it still sends is left unread.
      source.destroy();
      for (const file of files) file.destroy();
      reject(error);
    };
    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({
        headers: { 'content-type': type },
        limits: { fileSize: limits.fileBytes, fieldSize: 1024 ** 2, headerPairs: 100 },
        isPartAFile: (_name, _type, filename) => filename !== undefined,
      });
    } catch {
      fail(invalidRequest(NOT_PARSABLE));
      return;
    }
    const pending: Promise<void>[] = [];

    parser.on('field', (name, value, _nameTruncated, valueTruncated) => {
      if (valueTruncated) {
        fail(invalidRequest(`The form field '${name}' is too long.`, name));
        return;
      }
      if (!body.fields.has(name)) body.fields.set(name, value);
    });
    parser.on('file', (name, stream, filename, _encoding, mimeType) => {
      files.add(stream);
      const collected = collect(stream, Math.min(declared ?? 0, limits.fileBytes));
      pending.push(
        collected.then(
          (bytes) => {
            if (stream.truncated) return fail(limits.fileTooLarge());
            if (!body.files.has(name)) {
              body.files.set(name, {
                filename,
                type: mimeType || 'application/octet-stream',
                bytes,
              });
            }
          },
          () => fail(invalidRequest(NOT_PARSABLE)),
        ),
      );
      stream.once('limit', () => fail(limits.fileTooLarge()));
    });
    parser.once('error', () => fail(invalidRequest(NOT_PARSABLE)));
    parser.once('finish', () => {
      void Promise.all(pending).then(() => {
        if (settled) return;
        settled = true;
        resolve(body);
      });
    });

    let received = 0;
    source.on('data', (chunk: Uint8Array) => {
      received += chunk.byteLength;
      if (received > limits.bodyBytes) fail(bodyTooLarge(undefined, limits.bodyBytes));
    });
    source.once('error', (error) =>
      fail(
        new ClientGoneError('The client went away while sending its request body.', {
          cause: error,
        }),
      ),
    );
    source.pipe(parser);
  });
}

/**
 * A file part's bytes. With a size hint (the request's length, which bounds the part), they land
 * in one buffer of that size; past it, or without one, in chunks joined at the end.
 */
async function collect(stream: Readable, sizeHint: number): Promise<Uint8Array> {
  const sized = sizeHint > 0 ? new Uint8Array(sizeHint) : undefined;
  let filled = 0;
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    if (sized && chunks.length === 0 && filled + chunk.byteLength <= sized.byteLength) {
      sized.set(chunk, filled);
      filled += chunk.byteLength;
    } else {
      chunks.push(chunk);
    }
  }
  const head = sized?.subarray(0, filled);
  if (head && chunks.length === 0) return head;
  return Buffer.concat(head ? [head, ...chunks] : chunks);
}
