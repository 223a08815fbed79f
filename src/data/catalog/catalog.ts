import { type ModelEntry, type ModelEntryInput, ModelEntry as ModelEntrySchema } from './entry.ts';
import { BUILTIN_MODELS } from './models.ts';

/** A set of model entries to look models up in. */
export interface ModelCatalog {
  readonly entries: readonly ModelEntry[];
  /** The entry for a model id, alias or fine-tuned model name, or undefined. */
  find(model: string): ModelEntry | undefined;
}

/**
 * The base model in a fine-tuned model's name: OpenAI's `ft:gpt-4o-mini-2024-07-18:org:suffix:id`
 * (and its `:ckpt-step-N` checkpoints), Azure's `gpt-4o-mini-2024-07-18.ft-{job}`. Undefined
 * for a name that is not a fine-tuned model's.
 *
 * @example
 * baseModelOf('ft:gpt-4o-mini-2024-07-18:acme::abc123'); // 'gpt-4o-mini-2024-07-18'
 * baseModelOf('gpt-4.1-2025-04-14.ft-5fd1918ee65d4cd3'); // 'gpt-4.1-2025-04-14'
 * baseModelOf('gpt-4o-mini'); // undefined
 */
export function baseModelOf(model: string): string | undefined {
  if (model.startsWith('ft:')) return model.slice(3).split(':')[0] || undefined;
  const azure = /^(.+?)\.ft-[^.]+$/.exec(model);
  return azure?.[1];
}

/**
 * Builds a catalog from the built-in entries plus `overrides`: an override with the id of a
 * built-in entry replaces it, any other is added. Entries are validated, so a typo in a price
 * fails here, loudly, rather than in a cost estimate later.
 *
 * @example
 * const catalog = createModelCatalog([
 *   { id: 'my-azure-gpt-4o', provider: 'azure', encoding: 'o200k_base', fineTunable: true,
 *     maxTokensPerExample: null, training: null },
 * ]);
 * catalog.find('gpt-4o-mini')?.id; // 'gpt-4o-mini-2024-07-18'
 */
export function createModelCatalog(overrides: readonly ModelEntryInput[] = []): ModelCatalog {
  const byId = new Map<string, ModelEntry>();
  for (const input of [...BUILTIN_MODELS, ...overrides]) {
    const entry = ModelEntrySchema.parse(input);
    byId.set(entry.id, entry);
  }
  const entries = [...byId.values()];
  const byName = new Map<string, ModelEntry>();
  for (const entry of entries) for (const alias of entry.aliases) byName.set(alias, entry);
  for (const entry of entries) byName.set(entry.id, entry);
  return {
    entries,
    find(model) {
      const base = baseModelOf(model);
      return byName.get(model) ?? (base === undefined ? undefined : byName.get(base));
    },
  };
}

/** The catalog of built-in entries only. */
export const defaultCatalog: ModelCatalog = createModelCatalog();
