import type { ModelEntry } from '../../data/catalog/entry.ts';
import type { TrainingCostEstimate } from '../../data/cost.ts';
import type { ValidationReport } from '../../data/validate/report.ts';

/**
 * The catalog entry that prices training `model`: the model itself, or the base of a
 * fine-tuned model (training continues from it at the base's price). Undefined when the
 * catalog does not know it. The catalog loads on first use.
 */
export async function trainingEntryOf(model: string): Promise<ModelEntry | undefined> {
  const { baseModelOf, defaultCatalog } = await import('../../data/catalog/catalog.ts');
  return defaultCatalog.find(baseModelOf(model) ?? model);
}

/**
 * The one place a training bill is worked out from a validated file: its billable tokens per
 * epoch and its examples, at the entry's price, for `epochs` (a number, or `auto` for the
 * API's own choice from the number of examples).
 */
export async function trainingCostOf(
  report: ValidationReport,
  entry: ModelEntry,
  epochs: number | 'auto',
): Promise<TrainingCostEstimate> {
  const { estimateTrainingCost } = await import('../../data/cost.ts');
  return estimateTrainingCost({
    model: entry,
    tokensPerEpoch: report.stats.billableTokensPerEpoch,
    examples: report.stats.examples,
    epochs,
  });
}
