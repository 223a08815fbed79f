import { TuneKitError } from './tunekit-error.ts';

/** Where a failed request went, for errors that have no response to tell. */
export interface RequestTarget {
  method: string;
  /** The URL without its query string. */
  url: string;
}

/**
 * The request never got a complete answer: DNS failure, refused or reset connection, a body
 * cut short. Retried automatically when the request body can be sent again.
 *
 * @example
 * if (error instanceof APIConnectionError) console.error(error.method, error.url, error.cause);
 */
export class APIConnectionError extends TuneKitError {
  override name = 'APIConnectionError';
  readonly method: string | undefined;
  readonly url: string | undefined;

  constructor(message: string, target?: RequestTarget, options?: ErrorOptions) {
    super(message, options);
    this.method = target?.method;
    this.url = target?.url;
  }
}

/**
 * No answer arrived within the request's `timeout`. Retried like other connection errors.
 *
 * @example
 * if (error instanceof APIConnectionTimeoutError) console.error(`no answer in ${error.timeoutMs} ms`);
 */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = 'APIConnectionTimeoutError';
  readonly timeoutMs: number;

  constructor(timeoutMs: number, target?: RequestTarget, options?: ErrorOptions) {
    const where = target ? ` (${target.method} ${target.url})` : '';
    super(`Request timed out after ${timeoutMs} ms${where}`, target, options);
    this.timeoutMs = timeoutMs;
  }
}
