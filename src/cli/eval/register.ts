import { type Command, Option } from 'commander';
import { TRAINING_FORMATS } from '../../data/formats/names.ts';
import { collect, dollars, temperature, wholeNumber, wholeNumberAtLeastOne } from '../flags.ts';
import type { EvalCommandOptions } from './options.ts';

/** `tunekit eval`: models against a held-out set. The implementation loads only when run. */
export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description(
      'evaluate models on a held-out set: scores with 95 % intervals, wins/losses, latency, cost',
    )
    .argument(
      '<examples>',
      'held-out JSONL in a training format (the last assistant message is the expected answer)',
    )
    .requiredOption(
      '-m, --model <model[=prompt]>',
      'a model to evaluate, optionally with a prompt file (.json prompt variant, or a system prompt as text); repeat for each',
      collect,
    )
    .option(
      '-s, --scorer <scorer>',
      'exact | normalized | json | json-schema=<file> | contains=<text> | regex=<pattern> | tool-calls | module=<file.mjs>; repeat for several (first is primary; default normalized)',
      collect,
    )
    .option('--grader <model>', 'add a model-graded scorer judged by this model (needs --rubric)')
    .option('--rubric <text|@file>', 'what the grader checks')
    .option('--concurrency <n>', 'requests in flight at once', wholeNumberAtLeastOne, 4)
    .option('--max-requests <n>', 'stop before sending more requests than this', wholeNumber)
    .option(
      '--max-cost <usd>',
      'stop before spending more than this many dollars',
      dollars('5 or 0.25'),
    )
    .option(
      '--max-output-tokens <n>',
      'max_completion_tokens of every request',
      wholeNumberAtLeastOne,
      1024,
    )
    .option('--temperature <t>', 'sampling temperature', temperature, 0)
    .option('--results <file>', 'JSONL of per-request results: resumed from, appended to')
    .option('--html <file>', 'write a self-contained HTML report with charts')
    .option('--catalog <file>', 'JSON model entries with prices, overriding the built-in catalog')
    .addOption(
      new Option('--format <format>', 'force the examples’ format').choices(TRAINING_FORMATS),
    )
    .option('--json', 'print the report as JSON')
    .action(async (examples: string, options: EvalCommandOptions, command: Command) => {
      const { runEvalCommand } = await import('./run.ts');
      process.exitCode = await runEvalCommand(command, examples, options);
    });
}
