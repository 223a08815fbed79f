import { baseModelOf } from '../../data/catalog/catalog.ts';
import { type ModelLifecycle, modelLifecycle } from '../../data/catalog/lifecycle.ts';
import type { Model } from '../../schemas/model.ts';

/** One line of `tunekit models watch`: a fine-tuned model, or a base model one was trained from. */
export interface WatchRow {
  model: string;
  kind: 'fine-tuned' | 'base';
  /** For a fine-tuned model, the model it was trained from. */
  base: string | null;
  status: ModelLifecycle['status'];
  shutdownDate: string | null;
  daysLeft: number | null;
  /** `api` when the API reported the date, `catalog` when tunekit's catalog knows it. */
  source: 'api' | 'catalog' | null;
  trainingEndDate: string | null;
  trainingDaysLeft: number | null;
  /** Shuts down within the threshold (or already has). */
  soon: boolean;
  message: string;
}

/** The base model of a model the API listed: Azure says so (`model`), OpenAI's name does. */
function baseOf(model: Model): string | undefined {
  if (model.fine_tune && model.model) return model.model;
  return baseModelOf(model.id);
}

/** Most urgent first: the fewest days left; models with no date last; then by name. */
function byUrgency(a: WatchRow, b: WatchRow): number {
  const left = (row: WatchRow) => row.daysLeft ?? Number.POSITIVE_INFINITY;
  // On a tie, the account's own fine-tuned models before the base models, then by name.
  const kind = (row: WatchRow) => (row.kind === 'fine-tuned' ? 0 : 1);
  return left(a) - left(b) || kind(a) - kind(b) || a.model.localeCompare(b.model);
}

/**
 * The rows of the shutdown watch: every fine-tuned model the account has and every base model
 * they came from, each with its shutdown date (the API's when it reports one, else the
 * catalog's) and the days left, sorted by urgency.
 */
export function watchRows(
  models: readonly Model[],
  options: { now: Date; provider: string; within: number },
): WatchRow[] {
  const listed = new Map(models.map((model) => [model.id, model]));
  const row = (id: string, kind: WatchRow['kind'], base: string | null): WatchRow => {
    const reported = listed.get(id);
    const life = modelLifecycle(id, {
      now: options.now,
      provider: options.provider,
      apiShutdownDate: reported?.shutdown_date,
      apiTrainingEndDate: reported?.deprecation?.fine_tune,
      warnWithinDays: options.within,
    });
    return {
      model: id,
      kind,
      base,
      status: life.status,
      shutdownDate: life.shutdownDate,
      daysLeft: life.daysLeft,
      source: life.shutdownSource,
      trainingEndDate: life.trainingEndDate,
      trainingDaysLeft: life.trainingDaysLeft,
      soon: life.daysLeft !== null && life.daysLeft <= options.within,
      message: life.message,
    };
  };
  const rows: WatchRow[] = [];
  const bases = new Set<string>();
  for (const model of models) {
    const base = baseOf(model);
    if (base === undefined) continue;
    rows.push(row(model.id, 'fine-tuned', base));
    bases.add(base);
  }
  for (const base of bases) rows.push(row(base, 'base', null));
  return rows.sort(byUrgency);
}
