import { z } from 'zod';

/**
 * A model the account can use (`object: "model"`). Azure sends `created_at` instead of
 * `created` and no `owned_by`, so both are optional.
 */
export const Model = z.looseObject({
  id: z.string(),
  object: z.string().optional(),
  created: z.number().nullish(),
  owned_by: z.string().nullish(),
  /** `YYYY-MM-DD` when the model shuts down, when announced. */
  shutdown_date: z.string().nullish(),
});
export type Model = z.infer<typeof Model>;

/** The answer to `DELETE /models/{id}`. */
export const ModelDeleted = z.looseObject({
  id: z.string(),
  object: z.string().optional(),
  deleted: z.boolean(),
});
export type ModelDeleted = z.infer<typeof ModelDeleted>;
