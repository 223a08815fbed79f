/**
 * An input of a cost estimate that cannot be used: what it is, and why.
 *
 * @example
 * if (error instanceof RoiInputError) console.error(`check ${error.input}: ${error.message}`); // e.g. 'volume'
 */
export class RoiInputError extends Error {
  override readonly name = 'RoiInputError';
  /** Which input: `training`, `requests`, `volume`, … */
  readonly input: string;

  constructor(input: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.input = input;
  }
}
