/**
 * An error of a command the CLI words itself, with `hint` saying what to do about it (printed
 * as `hint: …`, or the `hint` field with `--json`). Exits 1, like any failure.
 */
export class CliError extends Error {
  override name = 'CliError';
  readonly hint: string | undefined;

  constructor(message: string, options: ErrorOptions & { hint?: string } = {}) {
    super(message, options);
    this.hint = options.hint;
  }
}

/**
 * The command line cannot work as given: a bad flag value, flags that contradict each other,
 * an unknown model, an input file that cannot be used. Nothing was done; the CLI exits with the
 * usage code (2).
 */
export class UsageError extends CliError {
  override name = 'UsageError';
}
