import { type Command, InvalidArgumentError } from 'commander';
import { runApiCommand } from '../api/run-api-command.ts';

/** A number of days: a whole number ≥ 0. */
function parseDays(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of days ≥ 0.');
  return Number(value);
}

/** A calendar day, `YYYY-MM-DD`. */
function parseDay(value: string): string {
  const time = Date.parse(`${value}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to March: a day must read back as itself.
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError('expected a day as YYYY-MM-DD.');
  }
  return value;
}

/** `tunekit models list|get|delete|watch`. */
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
    .command('watch')
    .description(
      'fine-tuned models and their base models with the days left before each shuts down, most urgent first; exit 6 when one shuts down within --within days',
    )
    .option('--within <days>', 'days that count as soon', parseDays, 90)
    .option('--at <day>', 'judge as of this day (YYYY-MM-DD) instead of today', parseDay)
    .option('--json', 'print JSON (for monitoring scripts)')
    .action(async (options: { within: number; at?: string }, command: Command) => {
      const { watchModels } = await import('../models/watch.ts');
      process.exitCode = await runApiCommand(command, (context) => watchModels(context, options));
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
