import { TuneKitError } from './tunekit-error.ts';

/**
 * The caller aborted the request through its `signal`. Never retried.
 *
 * @example
 * const signal = AbortSignal.timeout(5_000);
 * await client.models.list({}, { signal }).catch((e) => { if (!(e instanceof APIUserAbortError)) throw e; });
 */
export class APIUserAbortError extends TuneKitError {
  override name = 'APIUserAbortError';

  constructor(message = 'Request was aborted', options?: ErrorOptions) {
    super(message, options);
  }
}
