import { defaultCatalog } from '../../data/catalog/catalog.ts';
import type { ModelEntry } from '../../data/catalog/entry.ts';
import type { TrainingFormat } from '../../data/formats/names.ts';

/** The fine-tuning methods the API knows. */
export type FineTuningMethodType = 'supervised' | 'dpo' | 'reinforcement';

/** A base model the fake serves. */
export interface CatalogModel {
  /** The snapshot name, e.g. `gpt-4.1-mini-2025-04-14`. */
  id: string;
  /** Seconds. */
  created: number;
  owned_by: string;
  /** Short names that stand for this snapshot (`gpt-4.1-mini`). */
  aliases?: readonly string[];
  /** How it can be fine-tuned; empty when it cannot. */
  fineTuning: readonly FineTuningMethodType[];
  /** `YYYY-MM-DD` when the provider announced the model's shutdown. */
  shutdown_date?: string;
  /** `YYYY-MM-DD` after which no new fine-tuning job starts at OpenAI. */
  training_end_date?: string;
  /**
   * The dates Azure announced for the model, shown on `/openai/v1` as `deprecation` (Unix
   * seconds). Azure retires models on its own schedule, which the default catalog does not
   * know: it has none, and the Azure flavour then reports no dates.
   */
  azure?: { shutdown_date?: string; training_end_date?: string };
}

/** The method that trains on each training-file format. */
const METHOD_OF_FORMAT: Record<TrainingFormat, FineTuningMethodType> = {
  chat: 'supervised',
  completion: 'supervised',
  preference: 'dpo',
  reinforcement: 'reinforcement',
};

/**
 * When a snapshot was created: the date its name ends with (`…-2024-07-18`), else the day
 * OpenAI opened the current fine-tuning API (2023-08-22) for the undated `davinci-002` and
 * `babbage-002`. Plausible values; the live API's `created` differ by hours.
 */
function createdOf(id: string): number {
  const day = /(\d{4}-\d{2}-\d{2})$/.exec(id)?.[1] ?? '2023-08-22';
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

/** A catalog entry of tunekit's model catalog as a model the fake serves. */
export function fakeModelOf(entry: ModelEntry): CatalogModel {
  const methods = entry.fineTunable
    ? [...new Set(entry.formats.map((f) => METHOD_OF_FORMAT[f]))]
    : [];
  const model: CatalogModel = {
    id: entry.id,
    created: createdOf(entry.id),
    // Together's models are owned by their publisher (`meta-llama/…`); OpenAI says `system`.
    owned_by: entry.id.includes('/') ? (entry.id.split('/')[0] ?? 'system') : 'system',
    aliases: entry.aliases,
    fineTuning: methods,
  };
  if (entry.shutdownDate) model.shutdown_date = entry.shutdownDate.value;
  if (entry.trainingEndDate) model.training_end_date = entry.trainingEndDate.value;
  return model;
}

/**
 * The default catalog: tunekit's own model catalog (`tunekit/data`), OpenAI's fine-tunable
 * snapshots with their aliases, methods and announced dates — one source of truth for the
 * client's checks and the fake. The fake reports shutdown dates but does not enforce them, so
 * tests written today keep passing after those dates.
 */
export const DEFAULT_CATALOG: readonly CatalogModel[] = defaultCatalog.entries
  .filter((entry) => entry.provider === 'openai')
  .map(fakeModelOf);

/**
 * The Together flavour's catalog: Together AI's fine-tunable models from tunekit's catalog
 * (`tunekit/data`), one source of truth with the client's checks. Their names are Together's
 * (`meta-llama/Meta-Llama-3.1-8B-Instruct-Reference`).
 */
export const TOGETHER_CATALOG: readonly CatalogModel[] = defaultCatalog.entries
  .filter((entry) => entry.provider === 'together')
  .map(fakeModelOf);

/** Looks base models up by snapshot name or alias. */
export class ModelCatalog {
  readonly models: readonly CatalogModel[];
  readonly #byName = new Map<string, CatalogModel>();

  constructor(models: readonly CatalogModel[]) {
    this.models = models;
    for (const model of models) {
      this.#byName.set(model.id, model);
      for (const alias of model.aliases ?? []) this.#byName.set(alias, model);
    }
  }

  /** The model a name (snapshot or alias) stands for. */
  find(name: string): CatalogModel | undefined {
    return this.#byName.get(name);
  }

  /** Every name a client may use: snapshots and aliases. */
  names(): string[] {
    return [...this.#byName.keys()];
  }
}
