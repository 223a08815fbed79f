import type { Command } from 'commander';
import { calendarDay, days } from '../flags.ts';
import { apiAction } from '../runner/api-action.ts';

/** `tunekit models list|get|delete|watch`. */
export function registerModelCommands(program: Command): void {
  const models = program.command('models').description('base and fine-tuned models');

  models
    .command('list')
    .description('list the models the key can use')
    .option('--fine-tuned', 'only fine-tuned (ft:) models')
    .option('--json', 'print JSON')
    .action(
      apiAction(async (options: { fineTuned?: boolean }) => {
        const { listModels } = await import('./run.ts');
        return (context) => listModels(context, options);
      }),
    );

  models
    .command('get')
    .description('show a model')
    .argument('<model>', 'model id, e.g. ft:gpt-4o-mini-2024-07-18:acme::abc123')
    .option('--json', 'print JSON')
    .action(
      apiAction(async (id: string, _options: unknown) => {
        const { getModel } = await import('./run.ts');
        return (context) => getModel(context, id);
      }),
    );

  models
    .command('watch')
    .description(
      'fine-tuned models and their base models with the days left before each shuts down, most urgent first; exit 6 when one shuts down within --within days',
    )
    .option('--within <days>', 'days that count as soon', days, 90)
    .option('--at <day>', 'judge as of this day (YYYY-MM-DD) instead of today', calendarDay)
    .option('--json', 'print JSON (for monitoring scripts)')
    .action(
      apiAction(async (options: { within: number; at?: string }) => {
        const { watchModels } = await import('./watch.ts');
        return (context) => watchModels(context, options);
      }),
    );

  models
    .command('delete')
    .description('delete a fine-tuned model you own')
    .argument('<model>', 'fine-tuned model id')
    .option('--json', 'print JSON')
    .action(
      apiAction(async (id: string, _options: unknown) => {
        const { deleteModel } = await import('./run.ts');
        return (context) => deleteModel(context, id);
      }),
    );
}
