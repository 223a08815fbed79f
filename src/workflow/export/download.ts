import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { APIError } from '../../core/errors/api-error.ts';
import { APIUserAbortError } from '../../core/errors/user-abort-error.ts';
import type { Files } from '../../resources/files/files.ts';
import { partialPath } from './disk.ts';
import { IncompleteDownloadError } from './errors.ts';

const ATTEMPTS = 3;

/** One streamed download into `partial`: hashed and counted on the way, never held in memory. */
async function attempt(
  files: Files,
  fileId: string,
  partial: string,
  signal: AbortSignal | undefined,
): Promise<{ sha256: string; bytes: number }> {
  const response = await files.content(fileId, { signal });
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const body = response.body
    ? Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>)
    : Readable.from([]);
  await pipeline(body, tap, createWriteStream(partial), { signal });
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Downloads a file's content to `path`, streamed to disk through a temporary file that is
 * renamed into place only when complete. A body cut short (or shorter than `expectedBytes`)
 * is downloaded again, up to three times; API errors (404 for a deleted file, 401) are thrown
 * at once. Returns the sha256 and size of what was written.
 */
export async function downloadFile(
  files: Files,
  fileId: string,
  path: string,
  options: { expectedBytes?: number | null | undefined; signal?: AbortSignal | undefined },
): Promise<{ sha256: string; bytes: number }> {
  await mkdir(dirname(path), { recursive: true });
  const partial = partialPath(path);
  let received = 0;
  try {
    for (let n = 1; ; n += 1) {
      try {
        const result = await attempt(files, fileId, partial, options.signal);
        received = result.bytes;
        const expected = options.expectedBytes;
        if (expected == null || expected === result.bytes) {
          await rename(partial, path);
          return result;
        }
      } catch (error) {
        if (error instanceof APIError || error instanceof APIUserAbortError) throw error;
        if (options.signal?.aborted) throw new APIUserAbortError(undefined, { cause: error });
        if (n >= ATTEMPTS) throw error;
        continue;
      }
      if (n >= ATTEMPTS) {
        throw new IncompleteDownloadError(fileId, options.expectedBytes ?? 0, received);
      }
    }
  } finally {
    await rm(partial, { force: true });
  }
}
