import { defaultCatalog, type ModelCatalog } from '../catalog/catalog.ts';
import type { ModelEntry, TokenPrices, TrainingPrice } from '../catalog/entry.ts';
import { UnknownModelError } from '../errors.ts';

/** The prices a fine-tuning decision turns on, each with its source and date. */
export interface RoiPrices {
  /** The catalog id of the model to fine-tune. */
  model: string;
  /** Inference of the base model (what the user pays today). */
  base: TokenPrices;
  /** Inference of the fine-tuned model. */
  fineTuned: TokenPrices;
  /** Training; null when the catalog knows none. */
  training: TrainingPrice | null;
}

/**
 * The catalog lacks a price that an estimate needs.
 *
 * @example
 * roiPrices('gpt-3.5-turbo-1106'); // throws: error.missing is 'base inference'
 */
export class MissingPriceError extends Error {
  override readonly name = 'MissingPriceError';
  readonly model: string;
  readonly missing: 'base inference' | 'fine-tuned inference' | 'training';

  constructor(model: string, missing: MissingPriceError['missing'], hint: string) {
    super(`the model catalog has no ${missing} price for ${model}; ${hint}`);
    this.model = model;
    this.missing = missing;
  }
}

const HINT = 'add it with createModelCatalog([...]) (the CLI: --catalog prices.json)';

/**
 * Looks up the catalog entry of a model by id, alias or fine-tuned name.
 *
 * @example
 * catalogEntry('ft:gpt-4o-mini-2024-07-18:acme::abc').id; // 'gpt-4o-mini-2024-07-18'
 */
export function catalogEntry(model: string, catalog: ModelCatalog = defaultCatalog): ModelEntry {
  const entry = catalog.find(model);
  if (!entry) {
    throw new UnknownModelError(
      model,
      catalog.entries.map((e) => e.id),
    );
  }
  return entry;
}

/**
 * The base and fine-tuned inference prices and the training price of a model, from the catalog
 * (override or add prices with `createModelCatalog`). Throws {@link UnknownModelError} for a
 * model the catalog does not know and {@link MissingPriceError} when an inference price is
 * missing.
 *
 * @example
 * const prices = roiPrices('gpt-4o-mini');
 * prices.fineTuned.inputPer1M; // '0.30'
 */
export function roiPrices(model: string, catalog: ModelCatalog = defaultCatalog): RoiPrices {
  const entry = catalogEntry(model, catalog);
  const { base, fineTuned } = entry.inference;
  if (!base) throw new MissingPriceError(entry.id, 'base inference', HINT);
  if (!fineTuned) throw new MissingPriceError(entry.id, 'fine-tuned inference', HINT);
  return { model: entry.id, base, fineTuned, training: entry.training };
}

/**
 * What one model costs per token at inference: the fine-tuned price for `ft:` models (and
 * their checkpoints), the base price otherwise; undefined when the catalog does not know.
 *
 * @example
 * inferencePrices('ft:gpt-4o-mini-2024-07-18:acme::abc')?.inputPer1M; // '0.30'
 * inferencePrices('gpt-4o-mini')?.inputPer1M; // '0.15'
 */
export function inferencePrices(
  model: string,
  catalog: ModelCatalog = defaultCatalog,
): TokenPrices | undefined {
  const entry = catalog.find(model);
  if (!entry) return undefined;
  return model.startsWith('ft:') ? entry.inference.fineTuned : entry.inference.base;
}
