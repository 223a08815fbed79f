import { TuneKitError } from './tunekit-error.ts';

/**
 * A request that must not take effect twice failed in a way that leaves unknown whether the
 * server acted on it, and checking failed too. Nothing was sent again; `lookupHint` says how
 * to find out by hand.
 *
 * @example
 * if (error instanceof AmbiguousResultError) console.error(error.lookupHint); // how to check by hand
 */
export class AmbiguousResultError extends TuneKitError {
  override name = 'AmbiguousResultError';
  readonly lookupHint: string;

  constructor(message: string, lookupHint: string, options?: ErrorOptions) {
    super(`${message} ${lookupHint}`, options);
    this.lookupHint = lookupHint;
  }
}
