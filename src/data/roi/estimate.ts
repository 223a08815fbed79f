import { defaultCatalog, type ModelCatalog } from '../catalog/catalog.ts';
import type { ModelEntry } from '../catalog/entry.ts';
import { type TrainingCostEstimate, type TrainingCounts, trainingCostOf } from '../cost.ts';
import type { TrainingFormat } from '../formats/format.ts';
import { readPromptExamples } from '../prompt/read-examples.ts';
import type { PromptVariant } from '../prompt/variant.ts';
import type { TrainingSource } from '../reader/source.ts';
import { createTokenCounter } from '../tokens/counter.ts';
import { validateTrainingFile } from '../validate/validate.ts';
import { analyzeBreakEven, type BreakEvenAnalysis, breakEvenVerdict } from './break-even.ts';
import { RoiInputError } from './errors.ts';
import { catalogEntry, type RoiPrices, roiPrices } from './prices.ts';
import {
  countRequestTokens,
  type RequestTokens,
  type RequestTokenTotals,
  totalRequestTokens,
} from './request-tokens.ts';
import { parseVolume, type Volume } from './volume.ts';

/** Where the training bill comes from: a training file, token figures, or a known amount. */
export type TrainingInput =
  | { file: TrainingSource; epochs?: number | 'auto' | undefined }
  | { tokensPerEpoch: number; examples: number; epochs?: number | 'auto' | undefined }
  | { usd: string };

/**
 * Where the per-request token counts come from: sample requests in a training format (each
 * sent to the base model with `base` and to the fine-tuned model with `fineTuned`, answered
 * with its reference answer unless `outputTokens` is given), or token figures of a typical
 * request.
 */
export type RequestsInput =
  | {
      file: TrainingSource;
      base?: PromptVariant | undefined;
      fineTuned?: PromptVariant | undefined;
      outputTokens?: number | undefined;
      format?: TrainingFormat | undefined;
    }
  | {
      baseInputTokens: number;
      fineTunedInputTokens: number;
      outputTokens: number;
    };

export interface RoiOptions {
  /** The model to fine-tune (catalog id, alias or `ft:` name). */
  model: string;
  training: TrainingInput;
  requests: RequestsInput;
  /** Requests per period (`'100000/month'` or `{ requests, per }`). */
  volume?: Volume | string | undefined;
  /** Prices and limits (default: the built-in catalog); see `createModelCatalog`. */
  catalog?: ModelCatalog | undefined;
}

/** The training side of an estimate. */
export interface RoiTraining {
  usd: string;
  /** How the bill was estimated; null when it was given as an amount. */
  estimate: TrainingCostEstimate | null;
  /** The training file's summary, when the bill was estimated from one. */
  file: { source: string; examples: number; valid: boolean; errors: number } | null;
}

/** A full cost and break-even estimate for fine-tuning one model. */
export interface RoiEstimate extends BreakEvenAnalysis {
  /** Catalog id of the model. */
  model: string;
  prices: RoiPrices;
  training: RoiTraining;
  requests: RequestTokenTotals & {
    /** The sample requests' source; null for token figures. */
    source: string | null;
    /** Token counts of each sample request (empty for token figures). */
    each: RequestTokens[];
  };
  verdict: string;
}

async function trainingBill(
  training: TrainingInput,
  entry: ModelEntry,
  catalog: ModelCatalog,
): Promise<RoiTraining> {
  if ('usd' in training) {
    if (!/^\d+(\.\d{1,6})?$/.test(training.usd)) {
      throw new RoiInputError(
        'training',
        `training.usd must be a dollar amount like "2.40", got "${training.usd}"`,
      );
    }
    return { usd: training.usd, estimate: null, file: null };
  }
  let counts: TrainingCounts;
  let file: RoiTraining['file'] = null;
  if ('file' in training) {
    const report = await validateTrainingFile(training.file, {
      model: entry.id,
      catalog,
      maxProblems: 5,
    });
    const readError = report.problems.find((p) => p.code === 'read_error');
    if (readError)
      throw new RoiInputError('training', `cannot read the training file: ${readError.message}`);
    counts = report.stats;
    file = {
      source: report.source,
      examples: report.stats.examples,
      valid: report.valid,
      errors: report.errors,
    };
  } else {
    counts = { billableTokensPerEpoch: training.tokensPerEpoch, examples: training.examples };
  }
  let estimate: TrainingCostEstimate;
  try {
    estimate = trainingCostOf(counts, entry, training.epochs ?? 'auto');
  } catch (error) {
    throw new RoiInputError('training', (error as Error).message, { cause: error });
  }
  if (estimate.usd === null) {
    throw new RoiInputError(
      'training',
      `${estimate.note ?? `no training price for ${entry.id}`}: give the training bill as an amount instead (training: { usd }, --training-cost)`,
    );
  }
  return { usd: estimate.usd, estimate, file };
}

async function requestTokens(
  requests: RequestsInput,
  entry: ModelEntry,
): Promise<{ totals: RequestTokenTotals; each: RequestTokens[]; source: string | null }> {
  if (!('file' in requests)) {
    const { baseInputTokens, fineTunedInputTokens, outputTokens } = requests;
    for (const [name, value] of Object.entries({
      baseInputTokens,
      fineTunedInputTokens,
      outputTokens,
    })) {
      if (!(Number.isInteger(value) && value >= 0)) {
        throw new RoiInputError(
          'requests',
          `requests.${name} must be a whole number ≥ 0, got ${value}`,
        );
      }
    }
    return {
      totals: { count: 1, baseInputTokens, fineTunedInputTokens, outputTokens },
      each: [],
      source: null,
    };
  }
  const examples = await readPromptExamples(requests.file, { format: requests.format });
  const counter = await createTokenCounter(entry.encoding);
  const each = countRequestTokens(examples, counter, {
    base: requests.base,
    fineTuned: requests.fineTuned,
    outputTokens: requests.outputTokens,
    imageRule: entry.imageTokens,
  });
  const source =
    typeof requests.file === 'string'
      ? requests.file
      : requests.file instanceof URL
        ? requests.file.href
        : '<requests>';
  return { totals: totalRequestTokens(each), each, source };
}

/**
 * Does fine-tuning `model` pay off? Estimates the training bill (from a training file with
 * exact token counts and `auto` epochs, from token figures, or as a given amount), counts the
 * tokens of sample requests sent the way the user does today (base model, long prompt) and the
 * fine-tuned way (short prompt), prices both from the catalog, and works out the break-even
 * number of requests, the costs at a volume, the prompt reduction needed, and a verdict.
 *
 * Bad input throws a typed error saying what and where: `ExampleLineError` (file and line of
 * a sample request), `UnknownModelError`, `MissingPriceError`, `RoiInputError`.
 *
 * @example
 * const roi = await estimateFineTuningRoi({
 *   model: 'gpt-4o-mini',
 *   training: { file: 'train.jsonl' },
 *   requests: { file: 'held-out.jsonl', base: await loadPromptVariant('long-prompt.json') },
 *   volume: '100000/month',
 * });
 * console.log(roi.verdict);
 */
export async function estimateFineTuningRoi(options: RoiOptions): Promise<RoiEstimate> {
  const catalog = options.catalog ?? defaultCatalog;
  const entry = catalogEntry(options.model, catalog);
  const prices = roiPrices(entry.id, catalog);
  let volume: Volume | undefined;
  try {
    volume = typeof options.volume === 'string' ? parseVolume(options.volume) : options.volume;
  } catch (error) {
    throw new RoiInputError('volume', (error as Error).message, { cause: error });
  }
  const training = await trainingBill(options.training, entry, catalog);
  const { totals, each, source } = await requestTokens(options.requests, entry);
  const analysis = analyzeBreakEven({
    prices,
    trainingUsd: training.usd,
    requests: totals,
    volume,
  });
  return {
    model: entry.id,
    prices,
    training,
    requests: { ...totals, source, each },
    ...analysis,
    verdict: breakEvenVerdict(analysis, entry.id),
  };
}
