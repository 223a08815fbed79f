import { InvalidArgumentError } from '../../errors/invalid-argument-error.ts';
import type { QueryInit } from '../../query.ts';
import type { Json } from './json.ts';

/**
 * One page of a list that Together answers whole (no cursor, no limit), cut on this side the
 * way OpenAI's lists are: the items after the one with id `after`, at most `limit` of them,
 * `has_more` when some are left. Without `limit` the page is the whole list.
 */
export function pageOf<Item extends { id: string }>(
  items: readonly Item[],
  query: QueryInit | undefined,
): { object: 'list'; data: Item[]; has_more: boolean } {
  const after = query?.after;
  const limit = query?.limit;
  let start = 0;
  if (typeof after === 'string' && after !== '') {
    const index = items.findIndex((item) => item.id === after);
    // A cursor that is not in the list (an item deleted since) leaves nothing after it.
    start = index === -1 ? items.length : index + 1;
  }
  const rest = items.slice(start);
  if (limit === undefined || limit === null) return { object: 'list', data: rest, has_more: false };
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
    throw new InvalidArgumentError(
      `Invalid limit ${JSON.stringify(limit)}: expected a whole number ≥ 1.`,
      'limit',
    );
  }
  return { object: 'list', data: rest.slice(0, limit), has_more: rest.length > limit };
}

/** Newest first by `created_at`; items created in the same second keep their order reversed. */
export function newestFirst<Item extends Json>(items: readonly Item[]): Item[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const at = (x: unknown) => (typeof x === 'number' ? x : 0);
      return at(b.item.created_at) - at(a.item.created_at) || b.index - a.index;
    })
    .map(({ item }) => item);
}
