import { parsePairs } from '../flags.ts';
import { lineChart } from '../output/line-chart.ts';
import { writeJson, writeOut } from '../output/streams.ts';
import { renderTable } from '../output/table.ts';
import { printList, printObject, showTime } from '../runner/render.ts';
import type { ApiContext } from '../runner/run-api-command.ts';
import { eventLine } from './follow-display.ts';

/** `tunekit jobs list`. */
export async function listJobs(
  context: ApiContext,
  options: { limit?: number; metadata?: string[]; all?: boolean; clientToken?: string },
) {
  const params = { limit: options.limit ?? 20, metadata: parsePairs(options.metadata) };
  const jobs = [];
  if (options.clientToken !== undefined) {
    // The provider's own tagging decides how the token is carried (metadata, or a digest).
    const job = await context.client.jobs.findByClientToken(options.clientToken, {
      signal: context.signal,
    });
    if (job) jobs.push(job);
  } else if (options.all) {
    for await (const job of context.client.jobs.list(params, { signal: context.signal }))
      jobs.push(job);
  } else {
    jobs.push(...(await context.client.jobs.list(params, { signal: context.signal })).data);
  }
  printList(
    context,
    jobs,
    [
      { heading: 'id', cell: (job) => job.id },
      { heading: 'status', cell: (job) => job.status },
      { heading: 'model', cell: (job) => job.model },
      { heading: 'created', cell: (job) => showTime(job.created_at) },
      { heading: 'fine-tuned model', cell: (job) => job.fine_tuned_model ?? '-' },
    ],
    'No fine-tuning jobs.',
  );
}

/** `tunekit jobs get <id>`. */
export async function getJob(context: ApiContext, id: string) {
  printObject(context, await context.client.jobs.retrieve(id, { signal: context.signal }));
}

/** `tunekit jobs cancel|pause|resume <id>`. */
export async function actOnJob(
  context: ApiContext,
  action: 'cancel' | 'pause' | 'resume',
  id: string,
) {
  const job = await context.client.jobs[action](id, { signal: context.signal });
  if (context.json) writeJson(job);
  else writeOut(`${job.id} is now ${job.status}`);
}

/** `tunekit jobs events <id>`: the newest events, oldest first as a log reads. */
export async function listEvents(context: ApiContext, id: string, options: { limit?: number }) {
  const page = await context.client.jobs.events(
    id,
    { limit: options.limit ?? 50 },
    { signal: context.signal },
  );
  const events = [...page.data].reverse();
  if (context.json) writeJson(events);
  else if (events.length === 0) process.stderr.write('No events.\n');
  else writeOut(events.map((event) => eventLine(event, process.stdout)).join('\n'));
}

/** `tunekit jobs checkpoints <id>`. */
export async function listCheckpoints(context: ApiContext, id: string) {
  const checkpoints = [];
  for await (const checkpoint of context.client.jobs.checkpoints(
    id,
    {},
    { signal: context.signal },
  )) {
    checkpoints.push(checkpoint);
  }
  printList(
    context,
    checkpoints,
    [
      { heading: 'step', cell: (c) => String(c.step_number) },
      { heading: 'train loss', cell: (c) => c.metrics?.train_loss?.toFixed(4) ?? '-' },
      { heading: 'valid loss', cell: (c) => c.metrics?.valid_loss?.toFixed(4) ?? '-' },
      { heading: 'model', cell: (c) => c.fine_tuned_model_checkpoint },
    ],
    'No checkpoints (yet).',
  );
}

/** `tunekit jobs metrics <id>`: a loss chart sized to the terminal, and the figures. */
export async function showMetrics(context: ApiContext, id: string) {
  const rows = await context.client.jobs.metrics(id, { signal: context.signal });
  if (context.json) {
    writeJson(rows);
    return;
  }
  if (rows.length === 0) {
    process.stderr.write(`No metrics for ${id} yet: the job has no result file.\n`);
    return;
  }
  const series = (name: 'train_loss' | 'valid_loss') =>
    rows.flatMap((row) => (row[name] === null ? [] : [{ x: row.step, y: row[name] as number }]));
  const width = Math.min(process.stdout.columns ?? 80, 120);
  writeOut(
    lineChart(
      [
        { name: 'train loss', mark: '•', points: series('train_loss') },
        { name: 'valid loss', mark: '×', points: series('valid_loss') },
      ],
      width,
      16,
    ),
  );
  const losses = series('train_loss').map((p) => p.y);
  const last = rows.at(-1);
  writeOut(
    `\n${renderTable([
      ['steps', String(last?.step ?? 0)],
      [
        'train loss',
        losses.length
          ? `${losses[0]?.toFixed(4)} → ${losses.at(-1)?.toFixed(4)} (min ${Math.min(...losses).toFixed(4)})`
          : '-',
      ],
      ['train accuracy', last?.train_accuracy?.toFixed(4) ?? '-'],
      ['valid loss', last?.valid_loss?.toFixed(4) ?? '-'],
      ['valid accuracy', last?.valid_mean_token_accuracy?.toFixed(4) ?? '-'],
    ])}`,
  );
}
