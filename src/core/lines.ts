import { APIUserAbortError } from './errors/user-abort-error.ts';
import type { Logger } from './logger.ts';
import { classifyFailure, retryDelayMs } from './retry-policy.ts';
import { sleep } from './sleep.ts';

/** Where the lines come from and how often reading may start over. */
export interface LineReader {
  /** Requests the download (retried as any request) and returns its response. */
  open(): Promise<Response>;
  /** How many times a body that broke off is requested again. */
  maxResumes: number;
  signal: AbortSignal | undefined;
  logger: Logger;
  /** `GET /files/file-1/content`, for log lines. */
  label: string;
}

/** The lines of one body, as they arrive; the last one even without a final `\n`. */
async function* linesOf(body: ReadableStream<Uint8Array>): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of body) {
    pending += decoder.decode(chunk, { stream: true });
    let end = pending.indexOf('\n');
    while (end >= 0) {
      yield pending.slice(0, end > 0 && pending[end - 1] === '\r' ? end - 1 : end);
      pending = pending.slice(end + 1);
      end = pending.indexOf('\n');
    }
  }
  pending += decoder.decode();
  if (pending !== '') yield pending.endsWith('\r') ? pending.slice(0, -1) : pending;
}

/**
 * The lines of a download, resumed when the body breaks off or stalls: the download is asked
 * for again and the lines already delivered are skipped, so each line is delivered once and
 * none is lost (files do not change once stored). A line cut mid-way is never delivered half.
 * Failures that are not worth retrying, the caller's abort, and running out of resumes end
 * the iteration with the typed error.
 */
export async function* readLines(reader: LineReader): AsyncGenerator<string, void, undefined> {
  let delivered = 0;
  for (let resumes = 0; ; resumes += 1) {
    const response = await reader.open();
    if (!response.body) return;
    let index = 0;
    try {
      for await (const line of linesOf(response.body)) {
        index += 1;
        if (index <= delivered) continue;
        delivered += 1;
        yield line;
      }
      return;
    } catch (error) {
      const final =
        error instanceof APIUserAbortError ||
        !classifyFailure(error).retryable ||
        resumes >= reader.maxResumes;
      if (final) throw error;
      const delay = retryDelayMs(resumes + 1, undefined) ?? 0;
      reader.logger.warn(
        `${reader.label} broke off after ${delivered} lines (${(error as Error).message}); reading it again in ${delay} ms and skipping those (resume ${resumes + 1} of ${reader.maxResumes})`,
      );
      await sleep(delay, reader.signal);
    }
  }
}
