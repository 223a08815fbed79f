import { type Command, Option } from 'commander';
import { TRAINING_FORMATS } from '../../data/formats/names.ts';
import { dollars, wholeNumber } from '../flags.ts';
import { localAction } from '../runner/local-action.ts';
import type { CostCommandOptions } from './run.ts';

/** `tunekit cost`: does fine-tuning pay off? The implementation loads only when run. */
export function registerCostCommand(program: Command): void {
  program
    .command('cost')
    .description(
      'does fine-tuning pay off? training cost, cost per request before and after, break-even',
    )
    .requiredOption('--model <model>', 'the model to fine-tune (catalog id or alias)')
    .option('--train <file>', 'training file: its exact tokens price the training')
    .option('--epochs <n>', 'epochs, or "auto" for the API default', 'auto')
    .option(
      '--training-cost <usd>',
      'the training bill in dollars, instead of --train',
      dollars('2.40'),
    )
    .option('--requests <file>', 'sample requests in a training format (e.g. the held-out set)')
    .option(
      '--base-prompt <file>',
      'the base model’s prompt today (.json prompt variant, or a system prompt as text)',
    )
    .option(
      '--fine-tuned-prompt <file>',
      'the fine-tuned model’s prompt (default: the requests as written)',
    )
    .option(
      '--base-input-tokens <n>',
      'prompt tokens of a typical request today (instead of --requests)',
      wholeNumber,
    )
    .option(
      '--fine-tuned-input-tokens <n>',
      'prompt tokens of the same request to the fine-tuned model',
      wholeNumber,
    )
    .option(
      '--output-tokens <n>',
      'answer tokens per request (default with --requests: the reference answers)',
      wholeNumber,
    )
    .addOption(
      new Option('--format <format>', 'force the requests’ format').choices(TRAINING_FORMATS),
    )
    .option('--volume <n/period>', 'requests per day|week|month|year, e.g. 100000/month')
    .option('--catalog <file>', 'JSON model entries with prices, overriding the built-in catalog')
    .option('--json', 'print the estimate as JSON')
    .action(
      localAction(async (options: CostCommandOptions) => {
        const { runCostCommand } = await import('./run.ts');
        return runCostCommand(options);
      }),
    );
}
