import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import type { TuneKit } from '../../client.ts';
import type { ModelEntry } from '../../data/catalog/entry.ts';
import type { ModelLifecycle } from '../../data/catalog/lifecycle.ts';
import type { TrainingCostEstimate } from '../../data/cost.ts';
import type { ValidationReport } from '../../data/validate/report.ts';
import { epochsOf, type FineTuningMethod } from '../../schemas/fine-tuning-method.ts';

/** What a fine-tuning job is about to cost and whether its model can still be trained. */
export interface JobPlan {
  model: string;
  /** Whether the model can still be trained and when it shuts down (API dates preferred). */
  lifecycle: ModelLifecycle | null;
  /** The training file's report, when it was validated. */
  training: ValidationReport | undefined;
  validation: ValidationReport | undefined;
  /** The estimate, when the training file was counted and the catalog knows the model's price. */
  cost: TrainingCostEstimate | null;
}

/** What to plan. */
export interface JobPlanInput {
  model: string;
  method?: FineTuningMethod | undefined;
  /**
   * The training data to price: a local file's validation report, an uploaded file (`fileId`:
   * downloaded, streamed, and counted with the model's tokenizer), or nothing (no estimate).
   */
  training?: ValidationReport | { fileId: string } | undefined;
  validation?: ValidationReport | undefined;
  signal?: AbortSignal | undefined;
  /** Called before an uploaded training file is downloaded to be counted. */
  onCounting?: ((fileId: string) => unknown) | undefined;
}

/**
 * The catalog entry that prices training `model`: the model's own, or a fine-tuned model's base
 * (training continues from it at the base's price). The catalog loads on first use.
 */
async function trainingEntryOf(model: string): Promise<ModelEntry | undefined> {
  const { defaultCatalog } = await import('../../data/catalog/catalog.ts');
  return defaultCatalog.find(model);
}

/** The training bill of a counted file, from the data layer's one function (loaded on use). */
async function costOf(
  report: ValidationReport,
  entry: ModelEntry,
  epochs: number | 'auto',
): Promise<TrainingCostEstimate> {
  const { trainingCostOf } = await import('../../data/cost.ts');
  return trainingCostOf(report.stats, entry, epochs);
}

/**
 * The counted report of an uploaded file: its content is read back as a stream and validated
 * for the catalog entry (so its tokens are the entry's tokenizer's).
 */
async function reportOfUploaded(
  client: TuneKit,
  fileId: string,
  entry: ModelEntry,
  signal: AbortSignal | undefined,
): Promise<ValidationReport> {
  const [{ validateTrainingFile }, response] = await Promise.all([
    import('../../data/validate/validate.ts'),
    client.files.content(fileId, { signal }),
  ]);
  return validateTrainingFile(Readable.fromWeb(response.body as ReadableStream), {
    model: entry.id,
  });
}

/**
 * Plans a fine-tuning job once, for every caller (`fineTune`'s `confirm`, `tunekit train`,
 * `tunekit jobs create`): the model's lifecycle from the API and the catalog (one lookup;
 * pass it on to `jobs.create` as `lifecycle` so the create does not look again), and the
 * training cost from the data's exact tokens at the catalog's price.
 *
 * @example
 * const plan = await planJob(client, { model: 'gpt-4.1-mini-2025-04-14', training: { fileId } });
 * console.log(plan.cost?.usd, plan.lifecycle?.message);
 * await client.jobs.create({ model: plan.model, training_file: fileId }, { lifecycle: plan.lifecycle ?? undefined });
 */
export async function planJob(client: TuneKit, input: JobPlanInput): Promise<JobPlan> {
  const { model, signal } = input;
  const lifecycle = await client.models.lifecycle(model, { signal }).catch(() => null);
  const entry = input.training ? await trainingEntryOf(model) : undefined;
  let training: ValidationReport | undefined;
  if (input.training && 'fileId' in input.training) {
    if (entry) {
      await input.onCounting?.(input.training.fileId);
      training = await reportOfUploaded(client, input.training.fileId, entry, signal);
    }
  } else {
    training = input.training;
  }
  const cost = training && entry ? await costOf(training, entry, epochsOf(input.method)) : null;
  return { model, lifecycle, training, validation: input.validation, cost };
}
