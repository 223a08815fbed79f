/**
 * The base class of every error tunekit throws. Catch this to handle them all; narrow with the
 * subclasses (`APIError`, `APIConnectionError`, `ResponseValidationError`, …).
 *
 * @example
 * await client.jobs.wait(id).catch((e) => { if (e instanceof TuneKitError) console.error(e.name, e.message); else throw e; });
 */
export class TuneKitError extends Error {
  override name = 'TuneKitError';
}
