import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError } from '../../core/errors/invalid-argument-error.ts';
import { TuneKitError } from '../../core/errors/tunekit-error.ts';
import type { RequestOptions } from '../../core/http-client.ts';
import { toFileSource } from '../../core/uploadable.ts';
import type { FileObject, FilePurpose } from '../../schemas/file.ts';
import type {
  Upload,
  UploadCompleteParams,
  UploadCreateParams,
  UploadPart,
} from '../../schemas/upload.ts';

/** The most one part may hold, and the most an upload may hold (the Uploads API's limits). */
export const MAX_PART_BYTES = 64 * 1024 * 1024;
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024;

/**
 * Where an upload stands: enough to resume it after a crash without sending finished parts
 * again. Plain JSON — store it anywhere. Uploads expire an hour after they are created.
 */
export interface UploadState {
  uploadId: string;
  /** Size of the file, to refuse resuming with a file that changed. */
  bytes: number;
  partSize: number;
  /** Part id by part number (0-based); null for parts not sent yet. */
  partIds: Array<string | null>;
}

/** Progress of an upload, reported after every finished part. */
export interface UploadProgress {
  bytesSent: number;
  totalBytes: number;
  partsDone: number;
  partsTotal: number;
}

/** Options of `uploads.uploadFile`. */
export interface UploadFileOptions {
  purpose: FilePurpose;
  /** Default: the path's basename. */
  filename?: string | undefined;
  /** Default: `application/jsonl` for `.jsonl` files, else `application/octet-stream`. */
  mimeType?: string | undefined;
  /** Bytes per part, at most 64 MiB (the default). Memory use is about concurrency × partSize. */
  partSize?: number | undefined;
  /** Parts sent at once. Default: 3. */
  concurrency?: number | undefined;
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  /**
   * Called with the state after the upload is created and after every part: save it to resume.
   * A returned promise is awaited (so the state is saved before the upload goes on).
   */
  onState?: ((state: UploadState) => unknown) | undefined;
  /** A state saved by `onState` from an interrupted upload of the same file. */
  resume?: UploadState | undefined;
  /** Send the file's md5 so the service checks what it assembled. Default: true. */
  md5?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

/** The three endpoints of the Uploads API a whole-file upload uses. */
export interface UploadEndpoints {
  create(params: UploadCreateParams, options?: RequestOptions): PromiseLike<Upload>;
  addPart(uploadId: string, data: Blob, options?: RequestOptions): PromiseLike<UploadPart>;
  complete(
    uploadId: string,
    params: UploadCompleteParams,
    options?: RequestOptions,
  ): PromiseLike<Upload>;
}

function mimeTypeOf(filename: string): string {
  return extname(filename).toLowerCase() === '.jsonl'
    ? 'application/jsonl'
    : 'application/octet-stream';
}

async function md5Of(path: string, signal: AbortSignal | undefined): Promise<string> {
  const hash = createHash('md5');
  await pipeline(createReadStream(path), hash, { signal });
  return hash.digest('hex');
}

/** The part size and concurrency to use, checked against the file and a state to resume. */
function checkUpload(path: string, size: number, options: UploadFileOptions) {
  const partSize = options.resume?.partSize ?? options.partSize ?? MAX_PART_BYTES;
  const concurrency = options.concurrency ?? 3;
  if (!Number.isInteger(partSize) || partSize <= 0 || partSize > MAX_PART_BYTES) {
    throw new InvalidArgumentError(
      `partSize must be a whole number of bytes from 1 to ${MAX_PART_BYTES} (64 MiB).`,
      'partSize',
    );
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new InvalidArgumentError('concurrency must be a whole number ≥ 1.', 'concurrency');
  }
  if (size === 0)
    throw new InvalidArgumentError(`Cannot upload ${path}: the file is empty.`, 'path');
  if (size > MAX_UPLOAD_BYTES) {
    throw new InvalidArgumentError(
      `Cannot upload ${path}: ${size} bytes is more than the Uploads API's 8 GB.`,
      'path',
    );
  }
  if (options.resume && options.resume.bytes !== size) {
    throw new InvalidArgumentError(
      `Cannot resume upload ${options.resume.uploadId}: it was for ${options.resume.bytes} bytes and ${path} now has ${size}.`,
      'resume',
    );
  }
  return { partSize, concurrency };
}

/** The state to start from: a copy of the one to resume, or a new upload session. */
async function startUpload(
  uploads: UploadEndpoints,
  file: { filename: string; size: number; partSize: number },
  options: UploadFileOptions,
  signal: AbortSignal,
): Promise<UploadState> {
  if (options.resume) return { ...options.resume, partIds: [...options.resume.partIds] };
  const { filename, size, partSize } = file;
  const upload = await uploads.create(
    {
      filename,
      purpose: options.purpose,
      bytes: size,
      mime_type: options.mimeType ?? mimeTypeOf(filename),
    },
    { signal },
  );
  return {
    uploadId: upload.id,
    bytes: size,
    partSize,
    partIds: Array.from({ length: Math.ceil(size / partSize) }, () => null),
  };
}

/** Counts the bytes and parts sent, and reports them to `onProgress`. */
class PartProgress {
  #bytesSent = 0;
  #partsDone = 0;
  readonly #state: UploadState;
  readonly #onProgress: UploadFileOptions['onProgress'];

  constructor(state: UploadState, onProgress: UploadFileOptions['onProgress']) {
    this.#state = state;
    this.#onProgress = onProgress;
    state.partIds.forEach((id, part) => {
      if (id) this.#count(part);
    });
    this.#report();
  }

  /** The size of a part: `partSize`, except for the last one. */
  bytesOf(part: number): number {
    return Math.min(this.#state.partSize, this.#state.bytes - part * this.#state.partSize);
  }

  /** A part was sent. */
  done(part: number): void {
    this.#count(part);
    this.#report();
  }

  #count(part: number): void {
    this.#bytesSent += this.bytesOf(part);
    this.#partsDone += 1;
  }

  #report(): void {
    this.#onProgress?.({
      bytesSent: this.#bytesSent,
      totalBytes: this.#state.bytes,
      partsDone: this.#partsDone,
      partsTotal: Math.ceil(this.#state.bytes / this.#state.partSize),
    });
  }
}

/**
 * Sends the parts not sent yet, `concurrency` at once, each read from the file as it goes,
 * saving the state after each. The first failure stops the others (through `stop`).
 */
async function sendParts(
  uploads: UploadEndpoints,
  blob: Blob,
  state: UploadState,
  run: { concurrency: number; signal: AbortSignal; stop: AbortController },
  options: UploadFileOptions,
): Promise<void> {
  const progress = new PartProgress(state, options.onProgress);
  const { default: pLimit } = await import('p-limit');
  const limit = pLimit(run.concurrency);
  const sendPart = async (part: number) => {
    const start = part * state.partSize;
    const data = blob.slice(start, start + progress.bytesOf(part));
    const added = await uploads.addPart(state.uploadId, data, { signal: run.signal });
    state.partIds[part] = added.id;
    progress.done(part);
    await options.onState?.(structuredClone(state));
  };
  const pending = state.partIds.flatMap((id, part) => (id ? [] : [part]));
  try {
    await Promise.all(pending.map((part) => limit(() => sendPart(part))));
  } catch (error) {
    run.stop.abort();
    limit.clearQueue();
    throw error;
  }
}

/**
 * Uploads a file of up to 8 GB through the Uploads API: create → parts in parallel →
 * complete with the parts in order and the file's md5. Each part is read from disk as it is
 * sent (a retry reads it again), so memory stays near concurrency × partSize whatever the
 * file's size. With `onState`/`resume`, an interrupted upload continues where it stopped.
 */
export async function uploadFile(
  uploads: UploadEndpoints,
  path: string,
  options: UploadFileOptions,
): Promise<FileObject> {
  const source = await toFileSource(path, options.filename);
  if (source.kind !== 'blob') throw new InvalidArgumentError('Expected a file path.', 'path');
  const { blob, filename, size } = source;
  const { partSize, concurrency } = checkUpload(path, size, options);

  // Stop the other parts when one fails or the caller aborts.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const md5 = options.md5 === false ? undefined : md5Of(path, signal);
  md5?.catch(() => {});

  const state = await startUpload(uploads, { filename, size, partSize }, options, signal);
  await options.onState?.(structuredClone(state));
  await sendParts(uploads, blob, state, { concurrency, signal, stop }, options);

  const completed = await uploads.complete(
    state.uploadId,
    { part_ids: state.partIds as string[], ...(md5 ? { md5: await md5 } : {}) },
    { signal },
  );
  if (!completed.file) {
    throw new TuneKitError(
      `Upload ${state.uploadId} completed with status ${completed.status} but no file.`,
    );
  }
  return completed.file;
}
