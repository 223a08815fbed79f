import type { ModelEntry } from './catalog/entry.ts';
import { roundToMicroUsd, tokensCost, usdFromPico } from './money.ts';

/** The documented `auto` epochs heuristic: aim at 3 epochs, within 100–25,000 example passes. */
const TARGET_EPOCHS = 3;
const MIN_TARGET_EXAMPLES = 100;
const MAX_TARGET_EXAMPLES = 25_000;
const MIN_DEFAULT_EPOCHS = 1;
const MAX_DEFAULT_EPOCHS = 25;

/**
 * The number of epochs the API picks for `n_epochs: "auto"`: 3, raised for small files so the
 * model sees at least 100 examples, lowered for large ones so it sees at most 25,000, and kept
 * within 1–25. "At least 100" rounds up: 33 examples × 3 epochs is 99 passes, so 33 examples
 * get 4 epochs and 3 epochs start at 34 examples (OpenAI's cookbook rounds down here; its
 * wording "at least" does not).
 *
 * @example
 * autoEpochs(10); // 10
 * autoEpochs(1_000); // 3
 * autoEpochs(10_000); // 2
 */
export function autoEpochs(examples: number): number {
  if (!Number.isInteger(examples) || examples < 1) return TARGET_EPOCHS;
  if (examples * TARGET_EPOCHS < MIN_TARGET_EXAMPLES) {
    return Math.min(MAX_DEFAULT_EPOCHS, Math.ceil(MIN_TARGET_EXAMPLES / examples));
  }
  if (examples * TARGET_EPOCHS > MAX_TARGET_EXAMPLES) {
    return Math.max(MIN_DEFAULT_EPOCHS, Math.floor(MAX_TARGET_EXAMPLES / examples));
  }
  return TARGET_EPOCHS;
}

/**
 * Tokens the API bills for one pass over the data: each example counts up to the model's
 * per-example limit, because longer examples are truncated.
 *
 * @example
 * billableTokensPerEpoch([1_000, 70_000], 65_536); // 66536
 */
export function billableTokensPerEpoch(
  tokensPerExample: Iterable<number>,
  limit: number | null,
): number {
  let total = 0;
  for (const tokens of tokensPerExample) total += limit === null ? tokens : Math.min(tokens, limit);
  return total;
}

/** What a training run will cost, and how the number was reached. */
export interface TrainingCostEstimate {
  model: string;
  epochs: number;
  /** True when `epochs` came from the `auto` heuristic. */
  autoEpochs: boolean;
  tokensPerEpoch: number;
  /** Tokens billed: tokens per epoch × epochs (the job's `trained_tokens`). */
  trainedTokens: number;
  /** Exact cost in dollars as a decimal string ("2.40"), or null when not billed per token. */
  usd: string | null;
  /** Price used, in dollars per million tokens. */
  usdPer1M: string | null;
  /** Why there is no dollar figure, when there is none; and when the token counts are estimates. */
  note?: string;
  /**
   * False when the model's tokenizer is not one tunekit has and the tokens were counted with a
   * close one (Together's open models): the figures are estimates.
   */
  tokensExact: boolean;
}

/**
 * Estimates the cost of training `model` on data with `tokensPerEpoch` billable tokens and
 * `examples` examples. `epochs` may be a number or `'auto'`.
 *
 * @example
 * const model = defaultCatalog.find('gpt-3.5-turbo')!;
 * estimateTrainingCost({ model, tokensPerEpoch: 100_000, examples: 1_000, epochs: 3 }).usd; // '2.40'
 */
export function estimateTrainingCost(input: {
  model: ModelEntry;
  tokensPerEpoch: number;
  examples: number;
  epochs?: number | 'auto';
}): TrainingCostEstimate {
  const { model, tokensPerEpoch, examples } = input;
  const unset = input.epochs === undefined || input.epochs === 'auto';
  // A provider with a fixed default (Together: 1 epoch) trains that many, not OpenAI's `auto`.
  const fixed = typeof model.defaultEpochs === 'number' ? model.defaultEpochs : undefined;
  const auto = unset && fixed === undefined;
  const epochs = unset ? (fixed ?? autoEpochs(examples)) : (input.epochs as number);
  if (!Number.isInteger(epochs) || epochs < 1) {
    throw new RangeError(
      `epochs must be a whole number ≥ 1 or 'auto', got ${String(input.epochs)}`,
    );
  }
  const trainedTokens = tokensPerEpoch * epochs;
  const tokensExact = model.tokenCounts?.exact !== false;
  const estimated = tokensExact
    ? undefined
    : `token counts are estimates (${model.tokenCounts?.tokenizer} counted with ${model.encoding})`;
  const base = {
    model: model.id,
    epochs,
    autoEpochs: auto,
    tokensPerEpoch,
    trainedTokens,
    tokensExact,
  };
  const withNote = (note: string | undefined) =>
    [note, estimated].filter((part) => part !== undefined).join('; ') || undefined;
  if (!model.training) {
    return {
      ...base,
      usd: null,
      usdPer1M: null,
      note: withNote(model.trainingPriceNote ?? `no training price is known for ${model.id}`),
    };
  }
  if (model.training.unit === 'hour') {
    return {
      ...base,
      usd: null,
      usdPer1M: null,
      note: withNote(
        `${model.id} is billed $${model.training.usd} per hour of training, not per token`,
      ),
    };
  }
  const note = withNote(undefined);
  return {
    ...base,
    usd: usdFromPico(roundToMicroUsd(tokensCost(trainedTokens, model.training.usd))),
    usdPer1M: model.training.usd,
    ...(note ? { note } : {}),
  };
}

/**
 * What a training bill is computed from: a counted file's statistics (`report.stats` of
 * {@link validateTrainingFile}'s report), or the same two figures known otherwise.
 */
export interface TrainingCounts {
  /** Tokens billed for one pass over the data (each example capped at the model's limit). */
  billableTokensPerEpoch: number;
  /** Examples in the file: what `auto` epochs are chosen from. */
  examples: number;
}

/**
 * The one place a training bill is worked out from counted data, for every caller (the
 * validator's report, `planJob` and so `fineTune`'s and the CLI's confirmations, `tunekit data
 * cost`, `estimateFineTuningRoi`): the data's billable tokens per epoch and its examples, at the
 * catalog entry's price, for `epochs` (a number, or `auto` for the API's own choice from the
 * number of examples). The entry is the model's, or for a fine-tuned model its base's
 * (`catalog.find` resolves both).
 *
 * @example
 * const report = await validateTrainingFile('train.jsonl', { model: 'gpt-4o-mini' });
 * const entry = defaultCatalog.find('gpt-4o-mini')!;
 * trainingCostOf(report.stats, entry, 4).usd; // e.g. '0.36'
 */
export function trainingCostOf(
  counts: TrainingCounts,
  model: ModelEntry,
  epochs: number | 'auto' = 'auto',
): TrainingCostEstimate {
  return estimateTrainingCost({
    model,
    tokensPerEpoch: counts.billableTokensPerEpoch,
    examples: counts.examples,
    epochs,
  });
}
