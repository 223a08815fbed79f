/**
 * The base class of every error tunekit throws. Catch this to handle them all; narrow with the
 * subclasses (`APIError`, `APIConnectionError`, `ResponseValidationError`, …).
 *
 * @example
 * try {
 *   await client.jobs.wait(jobId);
 * } catch (error) {
 *   if (!(error instanceof TuneKitError)) throw error; // a bug, not the API
 *   console.error(`${error.name}: ${error.message}`);
 * }
 */
export class TuneKitError extends Error {
  override name = 'TuneKitError';
}
