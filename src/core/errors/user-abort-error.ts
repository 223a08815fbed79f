import { TuneKitError } from './tunekit-error.ts';

/**
 * The caller aborted the request through its `signal`. Never retried.
 *
 * @example
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 5_000);
 * const answer = await client.chat.completions
 *   .create(params, { signal: controller.signal })
 *   .catch((error) => (error instanceof APIUserAbortError ? null : Promise.reject(error)));
 */
export class APIUserAbortError extends TuneKitError {
  override name = 'APIUserAbortError';

  constructor(message = 'Request was aborted', options?: ErrorOptions) {
    super(message, options);
  }
}
