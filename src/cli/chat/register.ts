import type { Command } from 'commander';
import { positiveInteger, positiveNumber } from '../flags.ts';
import { apiAction } from '../runner/api-action.ts';

/** `tunekit chat <model> [message]`. */
export function registerChatCommand(program: Command): void {
  program
    .command('chat')
    .description('ask a model (streamed); without a message, a conversation')
    .argument('<model>', 'model id, e.g. a fine-tuned ft:… model')
    .argument('[message]', 'the question (default: stdin when it is not a terminal)')
    .option('--system <text>', 'a system message first')
    .option('--max-tokens <n>', 'longest answer, in tokens', positiveInteger)
    .option('--temperature <t>', 'sampling temperature (0–2)', positiveNumber)
    .option(
      '--response-schema <file>',
      'answer in JSON matching this JSON Schema (or response_format) file, sent strict; prints the parsed JSON',
    )
    .option('--stream', 'with --response-schema: show the object as it grows')
    .option('--json', 'print the whole completion as JSON')
    .action(
      apiAction(async (model: string, message: string | undefined, options) => {
        const { chatCommand } = await import('./run.ts');
        return (context) => chatCommand(context, model, message, options);
      }),
    );
}
