import { z } from 'zod';
import { TRAINING_FORMATS } from '../formats/names.ts';
import { ENCODINGS } from '../tokens/encoding-names.ts';

/** A decimal amount of US dollars written as a string ("0.40"), so it converts exactly. */
export const UsdAmount = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal amount like "0.40"');

/** Where a value was taken from, and when. */
export const Provenance = z.object({
  source: z.string().min(1),
  asOf: z.iso.date(),
});
export type Provenance = z.infer<typeof Provenance>;

/** A price per million tokens of input and output. */
export const TokenPrices = z.object({
  inputPer1M: UsdAmount,
  outputPer1M: UsdAmount,
  ...Provenance.shape,
});
export type TokenPrices = z.infer<typeof TokenPrices>;

/** How training is billed: per token (supervised, preference) or per hour (reinforcement). */
export const TrainingPrice = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('1M tokens'), usd: UsdAmount, ...Provenance.shape }),
  z.object({ unit: z.literal('hour'), usd: UsdAmount, ...Provenance.shape }),
]);
export type TrainingPrice = z.infer<typeof TrainingPrice>;

/**
 * OpenAI's rule for image tokens of the gpt-4o family: a `low` detail image costs `base`; a
 * `high` (or `auto`) one is fitted in 2048×2048, its short side scaled to 768, and costs
 * `base + perTile ×` the 512-pixel tiles that cover it.
 */
export const ImageTokenRule = z.object({
  rule: z.literal('tiles'),
  base: z.number().int().nonnegative(),
  perTile: z.number().int().nonnegative(),
  ...Provenance.shape,
});
export type ImageTokenRule = z.infer<typeof ImageTokenRule>;

/** A date the provider announced, with where it was announced. */
export const DatedFact = z.object({ value: z.iso.date(), ...Provenance.shape });
export type DatedFact = z.infer<typeof DatedFact>;

/**
 * One model of the catalog. Values are data, each with its provenance, so a price change is a
 * data change; `provider`, `fineTunable`, `shutdownDate` and `trainingEndDate` drive the
 * lifecycle checks (`modelLifecycle`).
 */
export const ModelEntry = z.object({
  id: z.string().min(1),
  /** Other names that resolve to this entry (the alias a snapshot is published under). */
  aliases: z.array(z.string()).default([]),
  provider: z.union([z.enum(['openai', 'azure', 'together']), z.string()]).default('openai'),
  /** The encoding tunekit counts tokens with (the model's own, or the closest one it has). */
  encoding: z.enum(ENCODINGS),
  /**
   * Whether counts with `encoding` are the model's own (null: they are, as for OpenAI's models)
   * or an estimate — Together's open models have tokenizers of their own (Llama 3, Qwen…), which
   * tunekit approximates — with the tokenizer the model really uses and how far off it may be.
   */
  tokenCounts: z
    .object({
      exact: z.boolean(),
      tokenizer: z.string().min(1),
      note: z.string().min(1),
      ...Provenance.shape,
    })
    .nullable()
    .default(null),
  fineTunable: z.boolean(),
  /** Training file formats the model accepts. */
  formats: z.array(z.enum(TRAINING_FORMATS)).default(['chat']),
  maxTokensPerExample: z
    .object({ value: z.number().int().positive(), ...Provenance.shape })
    .nullable(),
  training: TrainingPrice.nullable(),
  /** Why `training` is null, for the cost estimate's note (e.g. no published rate could be confirmed). */
  trainingPriceNote: z.string().nullable().default(null),
  /**
   * Epochs the provider trains when the job does not say: `auto` (OpenAI's heuristic from the
   * number of examples, see `autoEpochs`) or a number (Together AI: 1).
   */
  defaultEpochs: z.union([z.literal('auto'), z.number().int().positive()]).default('auto'),
  inference: z
    .object({ base: TokenPrices.optional(), fineTuned: TokenPrices.optional() })
    .default({}),
  imageTokens: ImageTokenRule.nullable().default(null),
  /** The day the model stops answering, with every model fine-tuned from it. */
  shutdownDate: DatedFact.nullable().default(null),
  /**
   * The day the provider stops accepting new fine-tuning jobs for the model (OpenAI closes
   * self-serve fine-tuning as a whole), when that comes before the shutdown.
   */
  trainingEndDate: DatedFact.nullable().default(null),
});
export type ModelEntry = z.infer<typeof ModelEntry>;
/** What callers write to add or override an entry (defaults filled in by parsing). */
export type ModelEntryInput = z.input<typeof ModelEntry>;
