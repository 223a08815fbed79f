/**
 * The base class of every error tunekit throws. Catch this to handle them all; narrow with the
 * subclasses (`APIError`, `APIConnectionError`, `ResponseValidationError`, …).
 */
export class TuneKitError extends Error {
  override name = 'TuneKitError';
}
