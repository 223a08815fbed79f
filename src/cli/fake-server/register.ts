import type { Command } from 'commander';
import { clockSpeed, port } from '../flags.ts';
import type { GlobalOptions } from '../runner/global-options.ts';
import { localAction } from '../runner/local-action.ts';

/** `tunekit fake-server`: the fake fine-tuning API on a local port. */
export function registerFakeServer(program: Command): void {
  program
    .command('fake-server')
    .description(
      'Serve a fake of the fine-tuning API on 127.0.0.1 (no key or network needed); --provider together serves Together AI’s.',
    )
    .option('-p, --port <port>', 'port to listen on (0: any free port)', port, 4010)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option(
      '--speed <factor>',
      'run jobs in real time, this many times faster (default: jobs finish on the next request)',
      clockSpeed,
    )
    .action(
      localAction(async (_options: unknown, command: Command) => {
        // `--provider together` (a global option) serves Together AI's API instead of OpenAI's.
        const options = command.optsWithGlobals<
          { port: number; host: string; speed?: number } & GlobalOptions
        >();
        const { runFakeServer } = await import('./run.ts');
        return runFakeServer(options);
      }),
    );
}
