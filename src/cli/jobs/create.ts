import { planJob } from '../../workflow/plan/plan-job.ts';
import { parsePairs } from '../flags.ts';
import { writeJson, writeOut } from '../output/streams.ts';
import { confirmSpending, describeCost } from '../runner/confirm-spending.ts';
import type { ApiContext } from '../runner/run-api-command.ts';
import { type MethodFlags, methodFromFlags } from './method-options.ts';

/** Flags of `tunekit jobs create`. */
export interface CreateJobFlags extends MethodFlags {
  model: string;
  trainingFile: string;
  validationFile?: string;
  suffix?: string;
  seed?: string;
  metadata?: string[];
  yes?: boolean;
  /** `--client-token`: the job's client token, looked for before anything is created. */
  clientToken?: string;
}

/** With --client-token: the job an earlier create tagged with it, shown instead of a new one. */
async function earlierJob(context: ApiContext, token: string): Promise<boolean> {
  const job = await context.client.jobs.findByClientToken(token, { signal: context.signal });
  if (!job) return false;
  if (context.json) writeJson(job);
  else writeOut(job.id);
  process.stderr.write(
    `${job.id} (${job.status}) was already created with client token ${token}: not creating another.\n` +
      `  Follow it: tunekit jobs follow ${job.id}\n`,
  );
  return true;
}

/**
 * `tunekit jobs create`: shows the estimated cost, asks, creates the job (idempotently). With
 * `--client-token`, a job already tagged with the token is shown instead, and nothing is asked.
 */
export async function createJobCommand(context: ApiContext, flags: CreateJobFlags): Promise<void> {
  if (flags.clientToken && (await earlierJob(context, flags.clientToken))) return;
  const method = methodFromFlags(flags);
  // With --yes nobody reads the estimate: the file is not downloaded to count it.
  const plan = await planJob(context.client, {
    model: flags.model,
    method,
    training: flags.yes ? undefined : { fileId: flags.trainingFile },
    signal: context.signal,
    // --json prints no decoration: its only stderr line is an error, if there is one.
    onCounting: (fileId) => {
      if (!context.json) {
        process.stderr.write(`Counting the tokens of ${fileId} for the cost estimate…\n`);
      }
    },
  });
  const life = plan.lifecycle;
  const warning = life?.needsConfirmation ? life.message : undefined;
  if (!flags.yes) {
    await confirmSpending({
      action: `Start a paid fine-tuning job on ${flags.model}`,
      estimate: describeCost(plan.cost, flags.model),
      warning,
      yes: false,
      json: context.json,
      signal: context.signal,
    });
  } else if (warning && !context.json) {
    process.stderr.write(`warning: ${warning}\n`);
  }
  const job = await context.client.jobs.create(
    {
      model: flags.model,
      training_file: flags.trainingFile,
      ...(flags.validationFile ? { validation_file: flags.validationFile } : {}),
      ...(flags.suffix ? { suffix: flags.suffix } : {}),
      ...(flags.seed ? { seed: Number(flags.seed) } : {}),
      ...(method ? { method } : {}),
      ...(flags.metadata ? { metadata: parsePairs(flags.metadata) } : {}),
    },
    // The user has been told about the model's lifecycle here already; the plan's lookup of
    // it is passed on, so the create does not ask the API for the model a second time.
    {
      signal: context.signal,
      lifecycleWarning: false,
      lifecycle: life ?? undefined,
      // Looked for above already.
      ...(flags.clientToken ? { idempotencyToken: flags.clientToken, reuseExisting: false } : {}),
    },
  );
  if (context.json) {
    writeJson(job);
    return;
  }
  writeOut(job.id);
  process.stderr.write(
    `Created ${job.id} (${job.status}).\n  Follow it: tunekit jobs follow ${job.id}\n`,
  );
}
