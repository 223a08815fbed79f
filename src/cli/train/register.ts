import type { Command } from 'commander';
import { clientToken, positiveNumber } from '../flags.ts';
import { addMethodOptions } from '../jobs/method-flags.ts';
import { apiAction } from '../runner/api-action.ts';
import type { TrainFlags, TrainState } from './run.ts';

/**
 * `tunekit train <file> --model M`: the whole flow, resumable — a rerun with the same file and
 * options follows the job an earlier run started.
 */
export function registerTrainCommand(program: Command): void {
  addMethodOptions(
    program
      .command('train')
      .description('validate, upload, train and follow: from a JSONL file to a fine-tuned model')
      .argument('<file>', 'training JSONL')
      .requiredOption('--model <model>', 'base model, e.g. gpt-4.1-mini-2025-04-14')
      .option('--validation-file <path>', 'validation JSONL')
      .option('--suffix <suffix>', 'up to 64 characters added to the model name'),
  )
    .option('--no-reuse', 'upload even if the same file was uploaded before')
    .option(
      '--client-token <token>',
      'tag the job with this token instead of one derived from the file and options',
      clientToken,
    )
    .option(
      '--new-job',
      'start a new job even if an earlier run with the same file and options started one',
    )
    .option(
      '--wait-timeout <ms>',
      'stop waiting after this long (exit 3; the job goes on)',
      positiveNumber,
    )
    .option('-y, --yes', 'do not ask for confirmation (needed when not on a terminal)')
    .option('--json', 'print JSON lines: plan, stages, events, result')
    .action(
      apiAction(async (file: string, options: TrainFlags & { waitTimeout?: number }) => {
        const [{ trainCommand, trainInterruptHint }, { checkInputFiles }] = await Promise.all([
          import('./run.ts'),
          import('../input-file.ts'),
        ]);
        await checkInputFiles([[file], [options.validationFile, '--validation-file']]);
        const state: TrainState = { jobId: undefined, lastEventId: undefined };
        return {
          body: (context) =>
            trainCommand(
              context,
              file,
              { ...options, maxWait: options.waitTimeout, resume: true },
              state,
            ),
          hooks: {
            onInterrupt: (flags) => process.stderr.write(`\n${trainInterruptHint(state, flags)}\n`),
          },
        };
      }),
    );
}
