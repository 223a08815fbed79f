import type { Command } from 'commander';
import { port } from '../flags.ts';
// The CLI pieces the dashboard reuses, in one place: the global connection options and how
// they become client options, and the CLI's log lines on stderr.
import type { GlobalOptions } from '../runner/global-options.ts';

/** `tunekit ui`: the local dashboard of fine-tuning jobs (src/ui). */
export function registerUiCommand(program: Command): void {
  program
    .command('ui')
    .description(
      'a local web dashboard: jobs live, loss curves, checkpoints, cost, compare runs, try the model',
    )
    .option('-p, --port <port>', 'port to listen on (0: any free port)', port, 0)
    .option(
      '--host <host>',
      'address to listen on (others than 127.0.0.1 reach the network)',
      '127.0.0.1',
    )
    .option('--no-open', 'do not open the browser')
    .option('--fake', 'run on a built-in fake API with jobs in progress (no key, no network)')
    .option('--reports <dir>', 'folder of `tunekit eval --html` reports to list (default: .)')
    .option('--json', 'print {"url": …} as the first line instead of the bare URL')
    .action(async (options, command: Command) => {
      const [{ runUiCommand }, { connectionOptions }, { stderrLogger }] = await Promise.all([
        import('../../ui/command.ts'),
        import('../runner/run-api-command.ts'),
        import('../runner/stderr-logger.ts'),
      ]);
      const globals = command.optsWithGlobals<GlobalOptions>();
      process.exitCode = await runUiCommand({
        ...options,
        client: {
          ...connectionOptions(globals),
          timeout: globals.timeout,
          maxRetries: globals.maxRetries,
          logger: stderrLogger(),
          logLevel: globals.debug ? 'debug' : 'warn',
        },
      });
    });
}
