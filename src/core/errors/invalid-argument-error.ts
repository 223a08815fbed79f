import { TuneKitError } from './tunekit-error.ts';

/**
 * A method was called with an argument that cannot work (an empty id, a file that does not
 * exist). Raised before any request is sent; `argument` names the culprit.
 *
 * @example
 * await client.jobs.retrieve('').catch((e) => e instanceof InvalidArgumentError && e.argument); // 'jobId'
 */
export class InvalidArgumentError extends TuneKitError {
  override name = 'InvalidArgumentError';
  readonly argument: string;

  constructor(message: string, argument: string, options?: ErrorOptions) {
    super(message, options);
    this.argument = argument;
  }
}
