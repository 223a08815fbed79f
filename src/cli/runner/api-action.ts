import type { Command } from 'commander';
import { describeError } from './describe-error.ts';
import type { GlobalOptions } from './global-options.ts';
import { reportError } from './report-error.ts';
import { type ApiCommandBody, type ApiCommandHooks, runApiCommand } from './run-api-command.ts';

/** What an action prepares: the command's body, and hooks around it when it needs them. */
export type PreparedCommand = ApiCommandBody | { body: ApiCommandBody; hooks: ApiCommandHooks };

/**
 * The action of an API command, for commander's `.action(...)`: `prepare` gets the command's
 * arguments and options, loads the implementation (lazily, so `--help` loads none) and returns
 * the body; the body runs through {@link runApiCommand} and its exit code becomes the
 * process's. `prepare` may check the command line first (an input file that is missing): what
 * it throws is printed as any error of the command, before a client is built.
 *
 * @example
 * files.command('get').argument('<file>').action(
 *   apiAction(async (id: string) => {
 *     const { getFile } = await import('./run.ts');
 *     return (context) => getFile(context, id);
 *   }),
 * );
 */
export function apiAction<Args extends unknown[]>(
  prepare: (...args: Args) => Promise<PreparedCommand>,
): (...args: [...Args, Command]) => Promise<void> {
  return async (...args) => {
    const command = args.at(-1) as Command;
    let prepared: PreparedCommand;
    try {
      prepared = await prepare(...(args.slice(0, -1) as Args));
    } catch (error) {
      const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      process.exitCode = reportError(describeError(error), {
        json: options.json === true,
        debug: options.debug === true,
        stack: error instanceof Error ? error.stack : undefined,
      });
      return;
    }
    const { body, hooks } =
      typeof prepared === 'function' ? { body: prepared, hooks: {} } : prepared;
    process.exitCode = await runApiCommand(command, body, hooks);
  };
}
