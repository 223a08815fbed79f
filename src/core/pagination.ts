import type { ListEnvelope } from '../schemas/list.ts';
import { APIPromise, type APIResponse } from './api-promise.ts';
import { TuneKitError } from './errors/tunekit-error.ts';

/** Fetches the page that starts after the given cursor (`undefined`: the first page). */
export type PageFetcher<Item> = (after: string | undefined) => APIPromise<ListEnvelope<Item>>;

/**
 * One page of a cursor-paginated list. `data` holds this page's items; iterate the page itself
 * (`for await`) to walk this and every following page lazily, one request per page.
 *
 * @example
 * const page = await client.jobs.list({ limit: 10 });
 * console.log(page.data.length, page.hasNextPage());
 * for await (const job of page) console.log(job.id); // all jobs, page by page
 */
export class CursorPage<Item extends { id: string }> implements AsyncIterable<Item> {
  readonly data: Item[];
  readonly has_more: boolean;
  readonly first_id: string | null | undefined;
  readonly last_id: string | null | undefined;
  readonly _request_id: string | undefined;
  readonly #fetch: PageFetcher<Item>;
  readonly #after: string | undefined;

  /** @internal Built by list methods; user code receives pages, never constructs them. */
  constructor(
    envelope: ListEnvelope<Item>,
    requestId: string | undefined,
    fetch: PageFetcher<Item>,
    after: string | undefined,
  ) {
    this.data = envelope.data;
    this.has_more = envelope.has_more === true;
    this.first_id = envelope.first_id;
    this.last_id = envelope.last_id;
    this._request_id = requestId;
    this.#fetch = fetch;
    this.#after = after;
  }

  /**
   * Whether another page follows (the server said `has_more` and this page is not empty).
   *
   * @example
   * let page = await client.jobs.list({ limit: 20 });
   * while (page.hasNextPage()) page = await page.getNextPage();
   */
  hasNextPage(): boolean {
    return this.has_more && this.data.length > 0;
  }

  /**
   * The cursor of the next page: the id of this page's last item. Keep it to continue later,
   * in another process, from where a listing stopped.
   *
   * @example
   * const page = await client.files.list({ limit: 100 });
   * const after = page.nextCursor(); // store it…
   * const next = await client.files.list({ limit: 100, after }); // …and resume
   */
  nextCursor(): string | undefined {
    return this.data.at(-1)?.id ?? this.last_id ?? undefined;
  }

  /**
   * Fetches the next page. Throws a `TuneKitError` when there is none (check
   * {@link CursorPage.hasNextPage} first) or when the server hands back the same cursor again.
   *
   * @example
   * const first = await client.models.list();
   * const second = first.hasNextPage() ? await first.getNextPage() : undefined;
   */
  async getNextPage(): Promise<CursorPage<Item>> {
    const cursor = this.nextCursor();
    if (!this.hasNextPage() || cursor === undefined) {
      throw new TuneKitError('There is no next page: check hasNextPage() first.');
    }
    if (cursor === this.#after) {
      // A server repeating the same cursor would make `for await` loop forever.
      throw new TuneKitError(
        `Pagination did not advance: the page after ${cursor} ended at ${cursor} again.`,
      );
    }
    return toPage(this.#fetch, cursor);
  }

  /**
   * This page and every following one, fetched as the loop asks for them: for work done a page
   * at a time (a batch insert, a progress line per page).
   *
   * @example
   * const first = await client.jobs.list({ limit: 50 });
   * for await (const page of first.iterPages()) console.log(`${page.data.length} jobs`);
   */
  async *iterPages(): AsyncGenerator<CursorPage<Item>, void, undefined> {
    let page: CursorPage<Item> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/**
 * What list methods return: `await` it for the first page, or `for await` it to walk every
 * item of every page.
 *
 * @example
 * for await (const file of client.files.list({ purpose: 'fine-tune' })) console.log(file.id);
 */
export class PagePromise<Item extends { id: string }>
  extends APIPromise<CursorPage<Item>>
  implements AsyncIterable<Item>
{
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    yield* await this;
  }
}

async function toPage<Item extends { id: string }>(
  fetch: PageFetcher<Item>,
  after: string | undefined,
): Promise<CursorPage<Item>> {
  return (await pageResult(fetch, after)).data;
}

async function pageResult<Item extends { id: string }>(
  fetch: PageFetcher<Item>,
  after: string | undefined,
): Promise<APIResponse<CursorPage<Item>>> {
  const { data, response, requestId } = await fetch(after).withResponse();
  return { data: new CursorPage(data, requestId, fetch, after), response, requestId };
}

/** Starts a paginated list at `after` (the caller's own cursor, if any). */
export function paginate<Item extends { id: string }>(
  fetch: PageFetcher<Item>,
  after?: string,
): PagePromise<Item> {
  return new PagePromise(pageResult(fetch, after));
}
