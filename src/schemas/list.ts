import { z } from 'zod';

/**
 * The envelope of every list endpoint: `{ object: "list", data: [...], has_more, first_id,
 * last_id }`. Only `data` is required: `/models` sends neither `has_more` nor the ids, and some
 * gateways omit `object`.
 *
 * @example
 * const DeploymentList = listEnvelope(z.looseObject({ id: z.string(), model: z.string() }));
 * const page = DeploymentList.parse(await response.json()); // { data: [{ id, model }, …], … }
 */
export function listEnvelope<Item extends z.ZodType>(item: Item) {
  return z.looseObject({
    object: z.string().optional(),
    data: z.array(item),
    has_more: z.boolean().nullish(),
    first_id: z.string().nullish(),
    last_id: z.string().nullish(),
  });
}

/** The parsed envelope of a list endpoint for items of type `T`. */
export interface ListEnvelope<T> {
  object?: string | undefined;
  data: T[];
  has_more?: boolean | null | undefined;
  first_id?: string | null | undefined;
  last_id?: string | null | undefined;
  [key: string]: unknown;
}
