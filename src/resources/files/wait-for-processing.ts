import type { Logger } from '../../core/logger.ts';
import { AdaptiveInterval, deadline, Patience } from '../../core/polling.ts';
import { sleep } from '../../core/sleep.ts';
import type { FileObject } from '../../schemas/file.ts';
import { WaitTimeoutError } from '../wait-timeout-error.ts';
import { FileProcessingError } from './errors.ts';

/** Options of `files.waitForProcessing`. */
export interface WaitForProcessingOptions {
  /** The longest wait in all, in ms: then a `WaitTimeoutError`. Default: 30 minutes. */
  maxWait?: number | undefined;
  /** First pause between polls; it grows ×1.5 up to 10 s. Default: 1,000 ms. */
  pollInterval?: number | undefined;
  signal?: AbortSignal | undefined;
  /**
   * How long failures in a row (network, 5xx, 429) are waited out before waiting gives up
   * with the last error. Default: 15 minutes; 30 seconds until the API has answered once.
   */
  maxOutage?: number | undefined;
}

/** What waiting needs of the files resource. */
export interface FileReader {
  retrieve(fileId: string, options?: { signal?: AbortSignal | undefined }): PromiseLike<FileObject>;
}

/**
 * Polls a file until the API has processed it, with a growing pause; transient failures are
 * waited out and logged. Returns the processed file; throws `FileProcessingError` for a file
 * the API rejected and `WaitTimeoutError` when the time runs out.
 */
export async function waitForProcessing(
  files: FileReader,
  logger: Logger,
  fileId: string,
  options: WaitForProcessingOptions = {},
): Promise<FileObject> {
  const maxWait = options.maxWait ?? 30 * 60 * 1000;
  const limit = deadline(options.signal, maxWait);
  const interval = new AdaptiveInterval(options.pollInterval ?? 1000, 10_000);
  const patience = new Patience({
    signal: limit.signal,
    logger,
    label: `Waiting for file ${fileId}`,
    baseMs: options.pollInterval ?? 1000,
    maxOutage: options.maxOutage,
  });
  let lastStatus: string | undefined;
  try {
    for (;;) {
      const file = await patience.run(async () => files.retrieve(fileId, { signal: limit.signal }));
      lastStatus = file.status ?? undefined;
      if (!file.status || file.status === 'processed') return file;
      if (file.status === 'error' || file.status === 'deleted') {
        throw new FileProcessingError(fileId, file.status_details ?? `status ${file.status}`);
      }
      await sleep(interval.idle(), limit.signal);
    }
  } catch (error) {
    if (limit.expired())
      throw new WaitTimeoutError(`file ${fileId} to be processed`, maxWait, lastStatus);
    throw error;
  } finally {
    limit.clear();
  }
}
