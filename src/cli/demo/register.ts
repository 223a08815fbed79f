import type { Command } from 'commander';
import type { Logger } from '../../core/logger.ts';
import { positiveNumber } from '../flags.ts';
import { apiAction } from '../runner/api-action.ts';

/** `tunekit demo`: the main job — the whole flow on a bundled dataset, against the fake. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'the whole flow on a bundled dataset against a built-in fake API (no key, no network)',
    )
    .option('--live', 'run against the real API instead (needs OPENAI_API_KEY; costs money)')
    .option('--model <model>', 'model to fine-tune')
    .option(
      '--speed <factor>',
      'how much faster than real time the fake trains',
      positiveNumber,
      20,
    )
    .option('--question <text>', 'what to ask both models afterwards (default: one from the data)')
    .option('-y, --yes', 'with --live: do not ask for confirmation')
    .option('--json', 'print JSON lines')
    .action(
      apiAction(
        async (options: {
          live?: boolean;
          model?: string;
          speed: number;
          question?: string;
          yes?: boolean;
        }) => {
          const [{ demoCommand, fakeClient }, { trainInterruptHint }] = await Promise.all([
            import('./run.ts'),
            import('../train/run.ts'),
          ]);
          const state = { jobId: undefined, lastEventId: undefined };
          return {
            body: (context) => demoCommand(context, options, state),
            hooks: {
              onInterrupt: (flags) =>
                process.stderr.write(`\n${trainInterruptHint(state, flags)}\n`),
              ...(options.live
                ? {}
                : { createClient: (logger: Logger) => fakeClient(options.speed, logger) }),
            },
          };
        },
      ),
    );
}
