import { defined, objectOf, objectsOf } from './json.ts';

/**
 * A Together model (`/models` answers a bare array of them) as tunekit's `Model`: `owned_by`
 * is Together's `organization`; its type, context length and prices go to `together`. It
 * reports no lifecycle dates.
 */
export function togetherModel(value: unknown): unknown {
  const raw = objectOf(value);
  if (!raw) return value;
  const { id, object, created, organization, ...rest } = raw;
  return defined({
    id,
    object: object ?? 'model',
    created,
    owned_by: organization,
    together: rest,
  });
}

/** `/models`' bare array as a list. */
export function togetherModels(value: unknown): { object: 'list'; data: unknown[] } {
  const items = Array.isArray(value) ? value : objectsOf(objectOf(value)?.data);
  return { object: 'list', data: items.map(togetherModel) };
}
