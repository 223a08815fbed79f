import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { HttpClient, RequestOptions } from '../core/http-client.ts';
import { AdaptiveInterval, deadline, Patience } from '../core/polling.ts';
import { sleep } from '../core/sleep.ts';
import type { Uploadable } from '../core/uploadable.ts';
import { type FileCreateParams, FilesEndpoints } from '../resources/files.ts';
import type { FileObject } from '../schemas/file.ts';
import { FileProcessingError } from './errors/file-processing-error.ts';
import { WaitTimeoutError } from './errors/wait-timeout-error.ts';
import type { UploadFileOptions } from './upload-file.ts';
import type { Uploads } from './uploads.ts';

/** Options of `files.waitForProcessing`. */
export interface WaitForProcessingOptions {
  /** Give up after this many ms with a `WaitTimeoutError`. Default: 30 minutes. */
  timeout?: number | undefined;
  /** First pause between polls; it grows ×1.5 up to 10 s. Default: 1,000 ms. */
  pollInterval?: number | undefined;
  signal?: AbortSignal | undefined;
  /**
   * How long failures in a row (network, 5xx, 429) are waited out before waiting gives up
   * with the last error. Default: 15 minutes; 30 seconds until the API has answered once.
   */
  maxOutage?: number | undefined;
}

/** Options of `files.upload`. */
export type FileUploadOptions = Omit<FileCreateParams, 'file'> &
  Omit<UploadFileOptions, 'purpose' | 'filename'> & {
    /** Files larger than this go through the Uploads API. Default: 100 MiB. */
    uploadThreshold?: number | undefined;
  };

/** Above this size `files.upload` uses the Uploads API (resumable parts, up to 8 GB). */
export const DEFAULT_UPLOAD_THRESHOLD = 100 * 1024 * 1024;

/** Files, plus `upload` (the right API for the size) and `waitForProcessing`. */
export class Files extends FilesEndpoints {
  readonly #uploads: Uploads;

  constructor(http: HttpClient, uploads: Uploads) {
    super(http);
    this.#uploads = uploads;
  }

  /**
   * Uploads a file the best way for its size: up to `uploadThreshold` (100 MiB) in one
   * request, above it through the Uploads API in parallel, resumable parts (up to 8 GB).
   * Either way the bytes are streamed from disk.
   *
   * @example
   * const file = await client.files.upload('train.jsonl', { purpose: 'fine-tune' });
   */
  async upload(
    file: Uploadable,
    options: FileUploadOptions,
    requestOptions?: RequestOptions,
  ): Promise<FileObject> {
    const {
      uploadThreshold = DEFAULT_UPLOAD_THRESHOLD,
      purpose,
      filename,
      expires_after,
      ...partOptions
    } = options;
    if (typeof file === 'string' || file instanceof URL) {
      const path = file instanceof URL ? fileURLToPath(file) : file;
      const size = await stat(path).then(
        (info) => info.size,
        () => 0, // a missing file is reported by the upload itself, with its path
      );
      if (size > uploadThreshold) {
        return this.#uploads.uploadFile(path, {
          ...partOptions,
          purpose,
          filename,
          signal: partOptions.signal ?? requestOptions?.signal,
        });
      }
    }
    return this.create(
      { file, purpose, filename, expires_after },
      { ...requestOptions, signal: requestOptions?.signal ?? partOptions.signal },
    );
  }

  /**
   * Waits until the API has processed a file (`status: "processed"`), polling with a growing
   * pause. A file the API rejected throws `FileProcessingError` with its reason; running out
   * of time throws `WaitTimeoutError` saying what it waited for. A provider that reports no
   * status has nothing to wait for.
   *
   * @example
   * const ready = await client.files.waitForProcessing(file.id, { timeout: 60_000 });
   */
  async waitForProcessing(
    fileId: string,
    options: WaitForProcessingOptions = {},
  ): Promise<FileObject> {
    const timeout = options.timeout ?? 30 * 60 * 1000;
    const limit = deadline(options.signal, timeout);
    const interval = new AdaptiveInterval(options.pollInterval ?? 1000, 10_000);
    const patience = new Patience({
      signal: limit.signal,
      logger: this._http.logger,
      label: `Waiting for file ${fileId}`,
      baseMs: options.pollInterval ?? 1000,
      maxOutage: options.maxOutage,
    });
    let lastStatus: string | undefined;
    try {
      for (;;) {
        const file = await patience.run(() => this.retrieve(fileId, { signal: limit.signal }));
        lastStatus = file.status ?? undefined;
        if (!file.status || file.status === 'processed') return file;
        if (file.status === 'error' || file.status === 'deleted') {
          throw new FileProcessingError(fileId, file.status_details ?? `status ${file.status}`);
        }
        await sleep(interval.idle(), limit.signal);
      }
    } catch (error) {
      if (limit.expired())
        throw new WaitTimeoutError(`file ${fileId} to be processed`, timeout, lastStatus);
      throw error;
    } finally {
      limit.clear();
    }
  }
}
