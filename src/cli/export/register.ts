import type { Command } from 'commander';
import { positiveInteger } from '../flags.ts';
import { apiAction } from '../runner/api-action.ts';

/** `tunekit export <dir>`: a resumable backup of everything fine-tuning made. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'back up every fine-tuning job (record, events, checkpoints, metrics) and every training, validation and result file into a directory, with a sha256 manifest; run again to resume or refresh',
    )
    .argument('<dir>', 'the export directory (created if missing)')
    .option('--concurrency <n>', 'files downloaded at once', positiveInteger, 4)
    .option('--json', 'print the result as JSON')
    .action(
      apiAction(async (dir: string, options: { concurrency: number }) => {
        const { runExport } = await import('./run.ts');
        return {
          body: (context) => runExport(context, dir, options),
          hooks: {
            onInterrupt: () =>
              process.stderr.write(
                '\nStopping: what is finished stays in the export. Run the same command again to resume.\n',
              ),
          },
        };
      }),
    );
}
