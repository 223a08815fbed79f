import type { Command } from 'commander';
import { describeError } from './describe-error.ts';
import type { GlobalOptions } from './global-options.ts';
import { reportError } from './report-error.ts';

/**
 * The action of a command that needs no API (`data …`, `cost`, `fake-server`), for
 * commander's `.action(...)`: `run` gets the command's arguments, options and the command, loads the
 * implementation lazily and resolves to the exit code. An error it throws is printed as every
 * command prints errors (one JSON line with `--json`) and exits with its code from the table
 * in exit-codes.ts.
 *
 * @example
 * data.command('split').argument('<file>').action(
 *   localAction(async (file: string, options) => {
 *     const { runSplit } = await import('./split.ts');
 *     return runSplit(file, options);
 *   }),
 * );
 */
export function localAction<Args extends unknown[]>(
  run: (...args: Args) => Promise<number>,
): (...args: Args) => Promise<void> {
  return async (...args) => {
    // Commander passes the arguments, the options, then the command itself.
    const command = args.at(-1) as Command;
    const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
    try {
      process.exitCode = await run(...args);
    } catch (error) {
      process.exitCode = reportError(describeError(error), {
        json: options.json === true,
        debug: options.debug === true,
        stack: error instanceof Error ? error.stack : undefined,
      });
    }
  };
}
