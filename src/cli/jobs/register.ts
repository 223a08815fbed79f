import { type Command, Option } from 'commander';
import { clientToken, collect, positiveInteger } from '../flags.ts';
import { apiAction } from '../runner/api-action.ts';
import type { FollowState } from './follow.ts';
import { addMethodOptions } from './method-flags.ts';

/** `tunekit jobs create|list|get|cancel|pause|resume|follow|events|checkpoints|metrics`. */
export function registerJobCommands(program: Command): void {
  const jobs = program.command('jobs').description('fine-tuning jobs');
  // In the order `tunekit jobs --help` lists them.
  addCreate(jobs);
  addListAndGet(jobs);
  addControl(jobs);
  addFollowAndHistory(jobs);
}

/** `jobs create`: shows the cost, asks, starts the job. */
function addCreate(jobs: Command): void {
  addMethodOptions(
    jobs
      .command('create')
      .description('start a fine-tuning job (shows the estimated cost and asks first)')
      .requiredOption('--model <model>', 'base model, or a fine-tuned model to continue')
      .requiredOption('--training-file <id>', 'id of an uploaded training file')
      .option('--validation-file <id>', 'id of an uploaded validation file')
      .option('--suffix <suffix>', 'up to 64 characters added to the model name')
      .option('--seed <n>', 'seed for reproducibility')
      .option('--metadata <key=value>', 'metadata pair (repeatable)', collect)
      .option(
        '--client-token <token>',
        'tag the job with this token; a job already tagged with it is shown instead of creating another',
        clientToken,
      ),
  )
    .option('-y, --yes', 'do not ask for confirmation (needed when not on a terminal)')
    .option('--json', 'print JSON')
    .action(
      apiAction(async (options) => {
        const { createJobCommand } = await import('./create.ts');
        return (context) => createJobCommand(context, options);
      }),
    );
}

/** `jobs list` and `jobs get`. */
function addListAndGet(jobs: Command): void {
  jobs
    .command('list')
    .description('list jobs, newest first')
    .option('--limit <n>', 'jobs per page', positiveInteger)
    .option('--all', 'every job, page after page')
    .option('--metadata <key=value>', 'only jobs with this metadata pair (repeatable)', collect)
    .addOption(
      new Option(
        '--client-token <token>',
        'only the job started with this client token (as jobs create and train tag it, on any provider)',
      )
        .argParser(clientToken)
        .conflicts(['metadata', 'all']),
    )
    .option('--json', 'print JSON')
    .action(
      apiAction(async (options) => {
        const { listJobs } = await import('./run.ts');
        return (context) => listJobs(context, options);
      }),
    );

  jobs
    .command('get')
    .description('show a job')
    .argument('<job>', 'job id')
    .option('--json', 'print JSON')
    .action(
      apiAction(async (id: string, _options) => {
        const { getJob } = await import('./run.ts');
        return (context) => getJob(context, id);
      }),
    );
}

/** `jobs cancel`, `pause` and `resume`. */
function addControl(jobs: Command): void {
  for (const action of ['cancel', 'pause', 'resume'] as const) {
    jobs
      .command(action)
      .description(`${action} a job`)
      .argument('<job>', 'job id')
      .option('--json', 'print JSON')
      .action(
        apiAction(async (id: string, _options) => {
          const { actOnJob } = await import('./run.ts');
          return (context) => actOnJob(context, action, id);
        }),
      );
  }
}

/** `jobs follow`, `events`, `checkpoints` and `metrics`: a job's progress and results. */
function addFollowAndHistory(jobs: Command): void {
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
      apiAction(async (id: string, options: { since?: string; pollInterval?: number }) => {
        const [{ followJobCommand }, { resumeHint }] = await Promise.all([
          import('./follow.ts'),
          import('./finish.ts'),
        ]);
        const state: FollowState = { lastEventId: options.since, reached: false };
        return {
          body: (context) => followJobCommand(context, id, options, state),
          hooks: {
            onInterrupt: (flags) =>
              process.stderr.write(
                `\n${resumeHint(id, state.lastEventId, { reached: state.reached === true, status: state.status }, flags)}\n`,
              ),
          },
        };
      }),
    );

  jobs
    .command('events')
    .description('show a job’s latest events')
    .argument('<job>', 'job id')
    .option('--limit <n>', 'how many', positiveInteger)
    .option('--json', 'print JSON')
    .action(
      apiAction(async (id: string, options: { limit?: number }) => {
        const { listEvents } = await import('./run.ts');
        return (context) => listEvents(context, id, options);
      }),
    );

  jobs
    .command('checkpoints')
    .description('list a job’s checkpoints')
    .argument('<job>', 'job id')
    .option('--json', 'print JSON')
    .action(
      apiAction(async (id: string, _options) => {
        const { listCheckpoints } = await import('./run.ts');
        return (context) => listCheckpoints(context, id);
      }),
    );

  jobs
    .command('metrics')
    .description('chart a job’s training and validation loss from its result file')
    .argument('<job>', 'job id')
    .option('--json', 'print the metric rows as JSON')
    .action(
      apiAction(async (id: string, _options) => {
        const { showMetrics } = await import('./run.ts');
        return (context) => showMetrics(context, id);
      }),
    );
}
