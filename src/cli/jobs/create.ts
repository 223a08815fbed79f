import { Readable } from 'node:stream';
import { baseModelOf, defaultCatalog } from '../../data/catalog/catalog.ts';
import { estimateTrainingCost } from '../../data/cost.ts';
import { validateTrainingFile } from '../../data/validate/validate.ts';
import { epochsOf, type FineTuningMethod } from '../../schemas/fine-tuning-method.ts';
import { confirmSpending, describeCost } from '../api/confirm-spending.ts';
import type { ApiContext } from '../api/run-api-command.ts';
import { writeJson, writeOut } from '../output/streams.ts';
import { type MethodFlags, methodFromFlags } from './method-options.ts';
import { parsePairs } from './run.ts';

/** Flags of `tunekit jobs create`. */
export interface CreateJobFlags extends MethodFlags {
  model: string;
  trainingFile: string;
  validationFile?: string;
  suffix?: string;
  seed?: string;
  metadata?: string[];
  yes?: boolean;
}

/**
 * The estimate for an uploaded training file: its content is read back (streamed) and counted
 * with the model's tokenizer. Null when the catalog has no price for the model.
 */
async function estimateUploaded(
  context: ApiContext,
  fileId: string,
  model: string,
  method: FineTuningMethod | undefined,
) {
  const entry = defaultCatalog.find(baseModelOf(model) ?? model);
  if (!entry) return { text: describeCost(null, model) };
  process.stderr.write(`Counting the tokens of ${fileId} for the cost estimate…\n`);
  const response = await context.client.files.content(fileId, { signal: context.signal });
  const report = await validateTrainingFile(
    Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
    {
      model: entry.id,
    },
  );
  const cost = estimateTrainingCost({
    model: entry,
    tokensPerEpoch: report.stats.billableTokensPerEpoch,
    examples: report.stats.examples,
    epochs: epochsOf(method),
  });
  return { text: describeCost(cost, model) };
}

/** `tunekit jobs create`: shows the estimated cost, asks, creates the job (idempotently). */
export async function createJobCommand(context: ApiContext, flags: CreateJobFlags): Promise<void> {
  const method = methodFromFlags(flags);
  const life = await context.client.models
    .lifecycle(flags.model, { signal: context.signal })
    .catch(() => undefined);
  const warning = life?.needsConfirmation ? life.message : undefined;
  if (!flags.yes) {
    const estimate = await estimateUploaded(context, flags.trainingFile, flags.model, method);
    await confirmSpending({
      action: `Start a paid fine-tuning job on ${flags.model}`,
      estimate: estimate.text,
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
    // The user has been told about the model's lifecycle here already.
    { signal: context.signal, lifecycleWarning: false },
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
