import { TuneKitError } from './tunekit-error.ts';

/** Facts about a response body that was larger than the client reads. */
export interface TooLargeDetails {
  /** The client's `maxResponseBytes`. */
  limit: number;
  /** The size the server declared (`content-length`), when it did. */
  declared: number | undefined;
  /** Bytes read (after decompression) before reading stopped. */
  received: number;
  status: number;
  method: string;
  /** The URL without its query string. */
  url: string;
  requestId: string | undefined;
}

function mebibytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MiB`;
}

/**
 * A response the client would have to parse (a JSON answer, an error body, one server-sent
 * event) is larger than `maxResponseBytes`. Reading stopped at the limit — before reading
 * anything when the declared length says so, else as soon as the decompressed bytes passed it
 * (a compressed "bomb" is never inflated further). Not retried: the same request would get the
 * same answer. File downloads (`files.content`, `files.text`, `files.jsonl`) are not limited.
 *
 * @example
 * if (error instanceof ResponseTooLargeError) console.error(error.url, error.limit, error.declared);
 */
export class ResponseTooLargeError extends TuneKitError {
  override name = 'ResponseTooLargeError';
  readonly limit: number;
  readonly declared: number | undefined;
  readonly received: number;
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly requestId: string | undefined;

  constructor(details: TooLargeDetails) {
    const size =
      details.declared !== undefined
        ? `declares ${details.declared} bytes (${mebibytes(details.declared)})`
        : `passed ${details.received} bytes after decompression`;
    const id = details.requestId ? `, request id ${details.requestId}` : '';
    super(
      `The ${details.status} response to ${details.method} ${details.url}${id} ${size}, more than the limit of ${details.limit} bytes (${mebibytes(details.limit)}); it was not read further. Raise the client's maxResponseBytes if this endpoint really answers that much.`,
    );
    this.limit = details.limit;
    this.declared = details.declared;
    this.received = details.received;
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.requestId = details.requestId;
  }
}
