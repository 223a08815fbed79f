import type { Command } from 'commander';
import { runApiCommand } from '../api/run-api-command.ts';

/** `tunekit models list|get|delete`. */
export function registerModelCommands(program: Command): void {
  const models = program.command('models').description('base and fine-tuned models');

  models
    .command('list')
    .description('list the models the key can use')
    .option('--fine-tuned', 'only fine-tuned (ft:) models')
    .option('--json', 'print JSON')
    .action(async (options: { fineTuned?: boolean }, command: Command) => {
      const { listModels } = await import('../models/run.ts');
      process.exitCode = await runApiCommand(command, (context) => listModels(context, options));
    });

  models
    .command('get')
    .description('show a model')
    .argument('<model>', 'model id, e.g. ft:gpt-4o-mini-2024-07-18:acme::abc123')
    .option('--json', 'print JSON')
    .action(async (id: string, _options: unknown, command: Command) => {
      const { getModel } = await import('../models/run.ts');
      process.exitCode = await runApiCommand(command, (context) => getModel(context, id));
    });

  models
    .command('delete')
    .description('delete a fine-tuned model you own')
    .argument('<model>', 'fine-tuned model id')
    .option('--json', 'print JSON')
    .action(async (id: string, _options: unknown, command: Command) => {
      const { deleteModel } = await import('../models/run.ts');
      process.exitCode = await runApiCommand(command, (context) => deleteModel(context, id));
    });
}
