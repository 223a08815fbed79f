import { invalidRequest } from './route-error.ts';

/** The envelope of every paginated list. */
export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

/** Limits of one list endpoint's `limit` query parameter. */
export interface LimitRule {
  default: number;
  max: number;
}

/** `limit` from the query: a whole number from 1 to the endpoint's maximum, or its default. */
export function readLimit(query: URLSearchParams, rule: LimitRule): number {
  const raw = query.get('limit');
  if (raw === null || raw === '') return rule.default;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > rule.max) {
    throw invalidRequest(
      `Invalid 'limit': expected an integer from 1 to ${rule.max}, got ${JSON.stringify(raw)}.`,
      'limit',
      'invalid_value',
    );
  }
  return limit;
}

/**
 * One page of `items` (already in the list's order): those after the item whose id is `after`,
 * at most `limit` of them. An `after` that names no item of the list is a 400 rather than an
 * empty page, so a client with a stale cursor hears about it instead of stopping silently.
 */
export function paginate<T extends { id: string }>(
  items: readonly T[],
  query: URLSearchParams,
  rule: LimitRule,
): ListPage<T> {
  const limit = readLimit(query, rule);
  const after = query.get('after');
  let start = 0;
  if (after) {
    const index = items.findIndex((item) => item.id === after);
    if (index === -1) {
      throw invalidRequest(`Invalid 'after': no object with id ${after} in this list.`, 'after');
    }
    start = index + 1;
  }
  const data = items.slice(start, start + limit);
  return {
    object: 'list',
    data,
    has_more: start + limit < items.length,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
  };
}
