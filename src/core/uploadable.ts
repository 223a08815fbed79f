import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError } from './errors/invalid-argument-error.ts';

/**
 * Something that can be uploaded as a file:
 * - a filesystem path (`string`) or a `file:` URL — streamed from disk, never read whole;
 * - a `Blob`/`File`, `Uint8Array` or `ArrayBuffer` already in memory;
 * - a web `ReadableStream`, a Node `Readable` or any `AsyncIterable<Uint8Array>` — sent as it
 *   is read, which means it can be sent only once: requests with a stream are not retried.
 */
export type Uploadable =
  | string
  | URL
  | Blob
  | Uint8Array
  | ArrayBuffer
  | ReadableStream<Uint8Array>
  | NodeJS.ReadableStream
  | AsyncIterable<Uint8Array>;

/** An upload's bytes, either replayable (a Blob, possibly backed by a file) or a one-shot stream. */
export type FileSource =
  | { kind: 'blob'; blob: Blob; filename: string; size: number }
  | { kind: 'stream'; stream: ReadableStream<Uint8Array>; filename: string };

/** Used when nothing tells the name: the API wants one, and fine-tuning files are JSONL. */
export const DEFAULT_FILENAME = 'data.jsonl';

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Opens a path as a file-backed Blob: bytes are read from disk only as they are sent. */
async function blobFromPath(path: string): Promise<Blob> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(error)})`;
    throw new InvalidArgumentError(`Cannot upload ${path}: ${why}.`, 'file', { cause: error });
  }
  if (!info.isFile()) {
    throw new InvalidArgumentError(`Cannot upload ${path}: it is not a regular file.`, 'file');
  }
  return openAsBlob(path);
}

/**
 * Turns any {@link Uploadable} into a {@link FileSource}, naming it from `filename`, else the
 * path or `File.name`, else {@link DEFAULT_FILENAME}.
 */
export async function toFileSource(input: Uploadable, filename?: string): Promise<FileSource> {
  if (typeof input === 'string' || input instanceof URL) {
    const path = input instanceof URL ? fileURLToPath(input) : input;
    const blob = await blobFromPath(path);
    return { kind: 'blob', blob, filename: filename ?? basename(path), size: blob.size };
  }
  if (input instanceof Blob) {
    const name = filename ?? (input instanceof File && input.name ? input.name : DEFAULT_FILENAME);
    return { kind: 'blob', blob: input, filename: name, size: input.size };
  }
  if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
    // Blob copies the bytes, so a later change to the caller's buffer cannot alter the upload.
    const blob = new Blob([input as BlobPart]);
    return { kind: 'blob', blob, filename: filename ?? DEFAULT_FILENAME, size: blob.size };
  }
  const name = filename ?? DEFAULT_FILENAME;
  if (input instanceof ReadableStream) return { kind: 'stream', stream: input, filename: name };
  if (input instanceof Readable) {
    return {
      kind: 'stream',
      stream: Readable.toWeb(input) as ReadableStream<Uint8Array>,
      filename: name,
    };
  }
  if (isAsyncIterable(input)) {
    const stream = Readable.toWeb(Readable.from(input)) as ReadableStream<Uint8Array>;
    return { kind: 'stream', stream, filename: name };
  }
  throw new InvalidArgumentError(
    'Cannot upload this value: expected a path, URL, Blob, Uint8Array, ArrayBuffer or stream.',
    'file',
  );
}
