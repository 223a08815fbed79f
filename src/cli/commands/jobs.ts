import { type Command, Option } from 'commander';
import { runApiCommand } from '../api/run-api-command.ts';
import { collect, positiveInteger } from './shared-parsers.ts';

/** The flags that shape the training method, on `jobs create` and `train`. */
export function addMethodOptions(command: Command): Command {
  return command
    .addOption(new Option('--method <type>', 'training method').choices(['supervised', 'dpo']))
    .option('--epochs <n>', 'epochs, or "auto"')
    .option('--batch-size <n>', 'batch size, or "auto"')
    .option('--learning-rate-multiplier <x>', 'learning-rate multiplier, or "auto"')
    .option('--beta <x>', 'DPO beta, or "auto"')
    .option(
      '--method-json <json>',
      'the whole method object as JSON (or @file.json), e.g. for reinforcement',
    );
}

/** `tunekit jobs create|list|get|cancel|pause|resume|follow|events|checkpoints|metrics`. */
export function registerJobCommands(program: Command): void {
  const jobs = program.command('jobs').description('fine-tuning jobs');

  addMethodOptions(
    jobs
      .command('create')
      .description('start a fine-tuning job (shows the estimated cost and asks first)')
      .requiredOption('--model <model>', 'base model, or a fine-tuned model to continue')
      .requiredOption('--training-file <id>', 'id of an uploaded training file')
      .option('--validation-file <id>', 'id of an uploaded validation file')
      .option('--suffix <suffix>', 'up to 64 characters added to the model name')
      .option('--seed <n>', 'seed for reproducibility')
      .option('--metadata <key=value>', 'metadata pair (repeatable)', collect),
  )
    .option('-y, --yes', 'do not ask for confirmation (needed when not on a terminal)')
    .option('--json', 'print JSON')
    .action(async (options, command: Command) => {
      const { createJobCommand } = await import('../jobs/create.ts');
      process.exitCode = await runApiCommand(command, (context) =>
        createJobCommand(context, options),
      );
    });

  jobs
    .command('list')
    .description('list jobs, newest first')
    .option('--limit <n>', 'jobs per page', positiveInteger)
    .option('--all', 'every job, page after page')
    .option('--metadata <key=value>', 'only jobs with this metadata pair (repeatable)', collect)
    .option('--json', 'print JSON')
    .action(async (options, command: Command) => {
      const { listJobs } = await import('../jobs/run.ts');
      process.exitCode = await runApiCommand(command, (context) => listJobs(context, options));
    });

  jobs
    .command('get')
    .description('show a job')
    .argument('<job>', 'job id')
    .option('--json', 'print JSON')
    .action(async (id: string, _options, command: Command) => {
      const { getJob } = await import('../jobs/run.ts');
      process.exitCode = await runApiCommand(command, (context) => getJob(context, id));
    });

  for (const action of ['cancel', 'pause', 'resume'] as const) {
    jobs
      .command(action)
      .description(`${action} a job`)
      .argument('<job>', 'job id')
      .option('--json', 'print JSON')
      .action(async (id: string, _options, command: Command) => {
        const { actOnJob } = await import('../jobs/run.ts');
        process.exitCode = await runApiCommand(command, (context) => actOnJob(context, action, id));
      });
  }

  jobs
    .command('follow')
    .description(
      'follow a job’s events until it ends (exit 5 if it fails); survives network errors',
    )
    .argument('<job>', 'job id')
    .option('--since <event>', 'resume after this event id')
    .option('--poll-interval <ms>', 'shortest pause between polls', positiveInteger)
    .option('--json', 'print one JSON line per event, then the final job')
    .action(
      async (id: string, options: { since?: string; pollInterval?: number }, command: Command) => {
        const [{ followJobCommand }, { resumeHint }] = await Promise.all([
          import('../jobs/follow.ts'),
          import('../jobs/finish.ts'),
        ]);
        const state = { lastEventId: options.since };
        process.exitCode = await runApiCommand(
          command,
          (context) => followJobCommand(context, id, options, state),
          {
            onInterrupt: () => process.stderr.write(`\n${resumeHint(id, state.lastEventId)}\n`),
          },
        );
      },
    );

  jobs
    .command('events')
    .description('show a job’s latest events')
    .argument('<job>', 'job id')
    .option('--limit <n>', 'how many', positiveInteger)
    .option('--json', 'print JSON')
    .action(async (id: string, options: { limit?: number }, command: Command) => {
      const { listEvents } = await import('../jobs/run.ts');
      process.exitCode = await runApiCommand(command, (context) =>
        listEvents(context, id, options),
      );
    });

  jobs
    .command('checkpoints')
    .description('list a job’s checkpoints')
    .argument('<job>', 'job id')
    .option('--json', 'print JSON')
    .action(async (id: string, _options, command: Command) => {
      const { listCheckpoints } = await import('../jobs/run.ts');
      process.exitCode = await runApiCommand(command, (context) => listCheckpoints(context, id));
    });

  jobs
    .command('metrics')
    .description('chart a job’s training and validation loss from its result file')
    .argument('<job>', 'job id')
    .option('--json', 'print the metric rows as JSON')
    .action(async (id: string, _options, command: Command) => {
      const { showMetrics } = await import('../jobs/run.ts');
      process.exitCode = await runApiCommand(command, (context) => showMetrics(context, id));
    });
}
