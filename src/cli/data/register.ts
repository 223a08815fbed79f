import { type Command, Option } from 'commander';
import { CONVERT_TARGETS } from '../../data/convert/targets.ts';
import { TRAINING_FORMATS } from '../../data/formats/names.ts';
import { localAction } from '../runner/local-action.ts';

/** `--format`, restricted to the known formats (commander reports others as usage errors). */
const formatOption = () =>
  new Option('--format <format>', 'force the format instead of detecting it').choices(
    TRAINING_FORMATS,
  );

/**
 * The `tunekit data` commands. Each action imports its implementation only when run, so
 * `tunekit --help` never loads the validator or a tokenizer.
 */
export function registerDataCommands(program: Command): void {
  const data = program
    .command('data')
    .description('check, measure, price and split training data (JSONL)');

  data
    .command('validate')
    .description('check a training file; exit 0 when valid, 1 when not')
    .argument('<file>', 'JSONL training file')
    .option('--model <model>', 'model to check for (token limit, encoding, cost)')
    .addOption(formatOption())
    .option('--max-problems <n>', 'problems to list', '50')
    .option(
      '--response-schema <file>',
      'check every trained answer against this JSON Schema (or a response_format object)',
    )
    .option(
      '--tool-schemas <file>',
      'check tool-call arguments against these tools (an array of tools, or {"name": schema})',
    )
    .option(
      '--check-answers',
      'check answers against the response_format and tools each example carries',
    )
    .option('--json', 'print the full report as JSON')
    .action(
      localAction(async (file: string, options) => {
        const { runValidate } = await import('./validate.ts');
        return runValidate(file, options);
      }),
    );

  data
    .command('stats')
    .description('statistics of a training file: examples, messages, tokens, tools, images')
    .argument('<file>', 'JSONL training file')
    .option('--model <model>', 'model whose encoding and limit to use')
    .addOption(formatOption())
    .option('--json', 'print the statistics as JSON')
    .action(
      localAction(async (file: string, options) => {
        const { runStats } = await import('./stats.ts');
        return runStats(file, options);
      }),
    );

  data
    .command('cost')
    .description('estimate the training cost of a file')
    .argument('<file>', 'JSONL training file')
    .requiredOption('--model <model>', 'model to train')
    .option('--epochs <n>', 'epochs, or "auto" for the API default', 'auto')
    .addOption(formatOption())
    .option('--json', 'print the estimate as JSON')
    .action(
      localAction(async (file: string, options) => {
        const { runCost } = await import('./cost.ts');
        return runCost(file, options);
      }),
    );

  data
    .command('split')
    .description('split a file into training and validation files (seeded)')
    .argument('<file>', 'JSONL file to split')
    .option('--validation-fraction <f>', 'share of examples for validation', '0.1')
    .option('--validation-size <n>', 'exact number of validation examples (instead of a fraction)')
    .option('--seed <n>', 'seed of the shuffle', '42')
    .option('--train-out <path>', 'training output (default: <file>.train.jsonl)')
    .option('--validation-out <path>', 'validation output (default: <file>.validation.jsonl)')
    .option('--json', 'print the result as JSON')
    .action(
      localAction(async (file: string, options) => {
        const { runSplit } = await import('./split.ts');
        return runSplit(file, options);
      }),
    );

  data
    .command('convert')
    .description(
      "convert a file for another provider: prompt/completion to chat, chat to Amazon Bedrock's formats; says so when the target takes the file as it is",
    )
    .argument('<file>', 'JSONL training file (chat or prompt/completion)')
    .addOption(
      new Option('--to <target>', 'the format to write')
        .choices(CONVERT_TARGETS)
        .makeOptionMandatory(),
    )
    .option('--out <path>', 'output file (default: <file>.<target>.jsonl)')
    .option('--system <text>', 'prompt/completion input: a system message for every example')
    .option(
      '--prompt-separator <text>',
      'prompt/completion input: the separator ending each prompt (\\n understood)',
    )
    .option(
      '--completion-stop <text>',
      'prompt/completion input: the stop sequence ending each completion',
    )
    .option('--json', 'print the result as JSON')
    .action(
      localAction(async (file: string, options) => {
        const { runConvert } = await import('./convert.ts');
        return runConvert(file, options);
      }),
    );
}
