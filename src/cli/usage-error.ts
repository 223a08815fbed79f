import { ExitCode } from './exit-codes.ts';
import { writeErr } from './output/streams.ts';

/** A usage error: print it and return the usage exit code. */
export function usage(message: string): number {
  writeErr(`error: ${message}`);
  return ExitCode.Usage;
}
