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
}

const GPT_4_1_SHUTDOWN = '2027-01-14';
const EARLY_SHUTDOWN = '2026-10-23';

/**
 * The default catalog: OpenAI's fine-tunable snapshots with their short aliases. Shutdown dates
 * are OpenAI's announcements ("Update to OpenAI's self-serve fine-tuning"); `created` values are
 * plausible, not copied from the live API. The fake reports shutdown dates but does not enforce
 * them, so tests written today keep passing after those dates.
 */
export const DEFAULT_CATALOG: readonly CatalogModel[] = [
  {
    id: 'gpt-4.1-2025-04-14',
    created: 1744315746,
    owned_by: 'system',
    aliases: ['gpt-4.1'],
    fineTuning: ['supervised', 'dpo'],
    shutdown_date: GPT_4_1_SHUTDOWN,
  },
  {
    id: 'gpt-4.1-mini-2025-04-14',
    created: 1744317547,
    owned_by: 'system',
    aliases: ['gpt-4.1-mini'],
    fineTuning: ['supervised', 'dpo'],
    shutdown_date: GPT_4_1_SHUTDOWN,
  },
  {
    id: 'gpt-4.1-nano-2025-04-14',
    created: 1744321707,
    owned_by: 'system',
    aliases: ['gpt-4.1-nano'],
    fineTuning: ['supervised', 'dpo'],
    shutdown_date: EARLY_SHUTDOWN,
  },
  {
    id: 'gpt-4o-2024-08-06',
    created: 1722814719,
    owned_by: 'system',
    aliases: ['gpt-4o'],
    fineTuning: ['supervised', 'dpo'],
    shutdown_date: GPT_4_1_SHUTDOWN,
  },
  {
    id: 'gpt-4o-mini-2024-07-18',
    created: 1721172717,
    owned_by: 'system',
    aliases: ['gpt-4o-mini'],
    fineTuning: ['supervised', 'dpo'],
    shutdown_date: GPT_4_1_SHUTDOWN,
  },
  {
    id: 'gpt-3.5-turbo-0125',
    created: 1706048358,
    owned_by: 'system',
    aliases: ['gpt-3.5-turbo'],
    fineTuning: ['supervised'],
    shutdown_date: EARLY_SHUTDOWN,
  },
  {
    id: 'o4-mini-2025-04-16',
    created: 1744133506,
    owned_by: 'system',
    aliases: ['o4-mini'],
    fineTuning: ['reinforcement'],
    shutdown_date: EARLY_SHUTDOWN,
  },
];

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
