import { type Command, InvalidArgumentError } from 'commander';
import { runApiCommand } from '../api/run-api-command.ts';

function parseConcurrency(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('expected a whole number ≥ 1.');
  return Number(value);
}

/** `tunekit export <dir>`: a resumable backup of everything fine-tuning made. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'back up every fine-tuning job (record, events, checkpoints, metrics) and every training, validation and result file into a directory, with a sha256 manifest; run again to resume or refresh',
    )
    .argument('<dir>', 'the export directory (created if missing)')
    .option('--concurrency <n>', 'files downloaded at once', parseConcurrency, 4)
    .option('--json', 'print the result as JSON')
    .action(async (dir: string, options: { concurrency: number }, command: Command) => {
      const { runExport } = await import('../export/run.ts');
      process.exitCode = await runApiCommand(
        command,
        (context) => runExport(context, dir, options),
        {
          onInterrupt: () =>
            process.stderr.write(
              '\nStopping: what is finished stays in the export. Run the same command again to resume.\n',
            ),
        },
      );
    });
}
