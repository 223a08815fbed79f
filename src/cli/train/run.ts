import { basename } from 'node:path';
import type { TuneKit } from '../../client.ts';
import { TrainingDataError } from '../../workflow/fine-tune/errors.ts';
import { fineTune } from '../../workflow/fine-tune/index.ts';
import type { FineTuneResult, FineTuneStage } from '../../workflow/fine-tune/types.ts';
import { renderReport } from '../data/render.ts';
import { finishJob, resumeHint } from '../jobs/finish.ts';
import { FollowDisplay } from '../jobs/follow-display.ts';
import { type MethodFlags, methodFromFlags } from '../jobs/method-options.ts';
import { paint } from '../output/color.ts';
import { formatBytes, progressBar } from '../output/progress-bar.ts';
import { writeOut } from '../output/streams.ts';
import { formatCount, plural } from '../output/table.ts';
import { confirmSpending, describeCost } from '../runner/confirm-spending.ts';
import type { ApiContext } from '../runner/run-api-command.ts';

/** Flags of `tunekit train`. */
export interface TrainFlags extends MethodFlags {
  model: string;
  validationFile?: string;
  suffix?: string;
  yes?: boolean;
  /** `--no-reuse` sets this to false. */
  reuse?: boolean;
  /** `--wait-timeout`: the longest wait for the job, in ms. */
  maxWait?: number;
  /** false: do not mention the model's lifecycle (the demo's fake has no real dates). */
  lifecycle?: boolean;
  /** Follow the job an earlier run with the same file and options started (`train`: yes). */
  resume?: boolean;
  /** `--client-token`: the job's client token instead of the derived one. */
  clientToken?: string;
  /** `--new-job`: start a new job even when an earlier run started one. */
  newJob?: boolean;
}

/** Where the train flow is, for the Ctrl-C hint. */
export interface TrainState {
  jobId: string | undefined;
  lastEventId: string | undefined;
  /** Set while the create is on its way: the token the job is tagged with. */
  creating?: { token: string | undefined } | undefined;
  /** The job's status as last known (from the create's answer, the lookup, or a read). */
  jobStatus?: string | undefined;
}

const tick = () => paint(process.stderr, 'green', '✔');

/** One human line per stage; progress goes to the live status instead. */
function describeStage(stage: FineTuneStage, display: FollowDisplay): string | undefined {
  switch (stage.stage) {
    case 'validated': {
      const { stats, warnings, valid } = stage.report;
      // An invalid file stops the flow: its report and the error say so, not a tick.
      if (!valid) return undefined;
      return `${tick()} Validated ${basename(stage.path)}: ${plural(stats.examples, 'example')}, ${formatCount(stats.totalTokens)} tokens${warnings ? `, ${plural(warnings, 'warning')}` : ''}`;
    }
    case 'uploading': {
      const p = stage.progress;
      display.status(
        p
          ? `Uploading ${basename(stage.path)} ${progressBar(p.bytesSent / p.totalBytes, 20)} ${formatBytes(p.bytesSent)}/${formatBytes(p.totalBytes)}`
          : `Uploading ${basename(stage.path)}…`,
      );
      return undefined;
    }
    case 'uploaded':
      display.status('');
      return stage.reused
        ? `${tick()} Reusing ${stage.file.id}: the same ${basename(stage.path)} was uploaded before`
        : `${tick()} Uploaded ${basename(stage.path)} as ${stage.file.id} (${formatBytes(stage.file.bytes ?? 0)})`;
    case 'processed':
      return undefined;
    case 'creating':
      return undefined;
    case 'created':
      return `${tick()} Created ${stage.job.id}; following it (Ctrl-C stops following, not the job)`;
    case 'resumed':
      return (
        `${tick()} Found ${stage.job.id} (${stage.job.status}), started by an earlier run with client token ${stage.token}; following it instead of starting another (Ctrl-C stops following, not the job)\n` +
        paint(process.stderr, 'dim', '  To start a new job instead, run again with --new-job.')
      );
    case 'finished':
      return undefined;
  }
}

/**
 * The whole `fineTune` flow with a live display: validation summary, the cost and a
 * confirmation, upload progress, the job's events with a loss sparkline, and at the end the
 * model's name (stdout) and a ready-to-run chat command. `--json` prints JSON lines instead.
 */
export async function trainWith(
  context: ApiContext,
  client: TuneKit,
  file: string,
  flags: TrainFlags,
  state: TrainState,
  extras: { question?: string; timeScale?: number } = {},
): Promise<FineTuneResult> {
  const display = new FollowDisplay({
    json: context.json,
    events: 'stderr',
    ...(extras.timeScale ? { timeScale: extras.timeScale } : {}),
  });
  const emit = (value: Record<string, unknown>) => {
    if (context.json) writeOut(JSON.stringify(value));
  };
  try {
    const result = await fineTune(client, {
      trainingFile: file,
      validationFile: flags.validationFile,
      model: flags.model,
      suffix: flags.suffix,
      method: methodFromFlags(flags),
      reuseUploads: flags.reuse !== false,
      resume: flags.resume === true,
      idempotencyToken: flags.clientToken,
      newJob: flags.newJob === true,
      // The confirmation below tells the user about the model's lifecycle instead.
      lifecycleWarning: false,
      maxWait: flags.maxWait,
      signal: context.signal,
      confirm: async (plan) => {
        const estimate = describeCost(plan.cost, flags.model);
        emit({ type: 'plan', model: plan.model, cost: plan.cost });
        const life = flags.lifecycle === false ? null : plan.lifecycle;
        await confirmSpending({
          action: `Start fine-tuning ${flags.model} on ${basename(file)}`,
          estimate,
          warning: life?.needsConfirmation ? life.message : undefined,
          yes: flags.yes === true,
          json: context.json,
          signal: context.signal,
        });
        if (flags.yes && !context.json) display.note(`  ${estimate}`);
        return true;
      },
      onStage: (stage) => {
        track(state, stage);
        if (stage.stage !== 'uploading' || !context.json) {
          const line = describeStage(stage, display);
          if (line) display.note(line);
        }
        if (stage.stage === 'validated') {
          emit({
            type: 'validated',
            role: stage.role,
            path: stage.path,
            valid: stage.report.valid,
            errors: stage.report.errors,
            warnings: stage.report.warnings,
            stats: stage.report.stats,
          });
        } else if (stage.stage === 'uploaded') {
          emit({ type: 'uploaded', role: stage.role, file: stage.file, reused: stage.reused });
        } else if (stage.stage === 'created') {
          emit({ type: 'created', job: stage.job });
        } else if (stage.stage === 'resumed') {
          emit({ type: 'resumed', job: stage.job, clientToken: stage.token });
        }
      },
      onEvent: (event) => {
        state.lastEventId = event.id;
        emit({ type: 'event', event });
        display.event(event);
      },
      onJob: (job) => {
        state.jobStatus = job.status;
        display.job(job);
      },
    });
    display.stop();
    emit({ type: 'result', model: result.model, job: result.job });
    if (!context.json) {
      finishJob(result.job, {
        json: false,
        rerunFlags: context.rerunFlags,
        ...(extras.question ? { question: extras.question } : {}),
      });
      writeOut(result.model);
    }
    return result;
  } catch (error) {
    display.stop();
    if (error instanceof TrainingDataError && !context.json) {
      process.stderr.write(`${renderReport(error.path, error.report)}\n`);
    }
    throw error;
  }
}

/** `tunekit train <file> --model M`. */
export async function trainCommand(
  context: ApiContext,
  file: string,
  flags: TrainFlags,
  state: TrainState,
): Promise<void> {
  await trainWith(context, context.client, file, flags, state);
}

/** Keeps the Ctrl-C hint's state in step with the flow. */
function track(state: TrainState, stage: FineTuneStage): void {
  if (stage.stage === 'creating') state.creating = { token: stage.token };
  if (stage.stage === 'created' || stage.stage === 'resumed') {
    state.creating = undefined;
    state.jobId = stage.job.id;
    state.jobStatus = stage.job.status;
  }
}

/** What Ctrl-C during `train` prints: only what is known about the job. */
export function trainInterruptHint(state: TrainState, flags = ''): string {
  if (state.jobId) {
    return resumeHint(
      state.jobId,
      state.lastEventId,
      { reached: true, status: state.jobStatus },
      flags,
    );
  }
  if (state.creating) {
    const token = state.creating.token;
    return [
      'Stopped while the job was being created: it may exist now.',
      token
        ? `  Run the same command again: it finds the job tagged with client token ${token} instead of starting another.\n  Or look for it: tunekit jobs list --client-token ${token}${flags}`
        : `  Look for it before starting another: tunekit jobs list${flags}`,
    ].join('\n');
  }
  return 'Stopped before any job was created: nothing was spent.';
}
