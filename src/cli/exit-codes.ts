/**
 * Process exit codes of the `tunekit` CLI. Scripts depend on these numbers: never reuse one
 * for a different meaning.
 */
export const ExitCode = {
  /** The command did what was asked. */
  Ok: 0,
  /** The command failed (API error, invalid data, …). */
  Error: 1,
  /** The command line itself was wrong (unknown flag, missing argument). */
  Usage: 2,
  /** A wait (`jobs follow`, `train`) ran out of time; the job may still be running. */
  WaitTimeout: 3,
  /** The API refused the credentials or the permission. */
  Auth: 4,
  /** The fine-tuning job ended failed or cancelled. */
  JobFailed: 5,
  /** `models watch`: something shuts down within the threshold. */
  ShutdownSoon: 6,
  /** `eval`: stopped at its request budget or cost cap; run it again to continue. */
  Incomplete: 7,
  /** Interrupted by Ctrl-C (128 + SIGINT). */
  Interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
