import { TuneKitError } from './tunekit-error.ts';

/** The caller aborted the request through its `signal`. Never retried. */
export class APIUserAbortError extends TuneKitError {
  override name = 'APIUserAbortError';

  constructor(message = 'Request was aborted', options?: ErrorOptions) {
    super(message, options);
  }
}
