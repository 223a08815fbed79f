import { z } from 'zod';
import { TogetherModelDetails } from './together.ts';

/** Unix seconds as `YYYY-MM-DD` (UTC), or undefined. */
function dayOf(seconds: number | null | undefined): string | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/**
 * A model as providers send it. OpenAI: `created`, `owned_by` and, when announced,
 * `shutdown_date`. Azure: `created_at` instead of `created`, no `owned_by`, and its lifecycle
 * as `deprecation: { fine_tune, inference }` (Unix seconds) plus `model` (the base of a
 * fine-tuned model) and `fine_tune` (the job that made it).
 */
const ModelFields = z.looseObject({
  id: z.string(),
  object: z.string().optional(),
  created: z.number().nullish(),
  owned_by: z.string().nullish(),
  /** `YYYY-MM-DD` when the model shuts down, when announced. */
  shutdown_date: z.string().nullish(),
  /** Azure: when the model was created, in Unix seconds. */
  created_at: z.number().nullish(),
  /** Azure: the base model of a fine-tuned model. */
  model: z.string().nullish(),
  /** Azure: the id of the job that made a fine-tuned model. */
  fine_tune: z.string().nullish(),
  /** Azure: when fine-tuning (`fine_tune`) and use (`inference`) end, in Unix seconds. */
  deprecation: z
    .looseObject({ fine_tune: z.number().nullish(), inference: z.number().nullish() })
    .nullish(),
  /** Together AI only: type, display name, context length, pricing, license. */
  together: TogetherModelDetails.nullish(),
});

/**
 * A model the account can use (`object: "model"`). Both providers' shapes parse to the same
 * fields: `created` falls back to Azure's `created_at`, and `shutdown_date` to the day of
 * Azure's `deprecation.inference`, so `models.list()` carries shutdown dates from either API.
 */
export const Model = ModelFields.transform((model) => ({
  ...model,
  created: model.created ?? model.created_at,
  shutdown_date: model.shutdown_date ?? dayOf(model.deprecation?.inference) ?? model.shutdown_date,
}));
export type Model = z.infer<typeof Model>;

/** The answer to `DELETE /models/{id}`. */
export const ModelDeleted = z.looseObject({
  id: z.string(),
  object: z.string().optional(),
  deleted: z.boolean(),
});
export type ModelDeleted = z.infer<typeof ModelDeleted>;
