import type { Logger } from '../../core/logger.ts';
import type { CursorPage } from '../../core/pagination.ts';
import type { FineTuningJobEvent } from '../../schemas/fine-tuning-event.ts';
import { EventPagingError } from './errors.ts';
import { RecentIds } from './recent-ids.ts';

type Event = FineTuningJobEvent;

/**
 * How many event ids following remembers to yield each event once: the last 10,000 (well
 * under a megabyte). Also the most events one read gathers before it yields them.
 */
export const MAX_REMEMBERED_EVENTS = 10_000;

/** Pages read in a row before a pause of one poll interval. */
export const MAX_PAGES_PER_POLL = 10;

/** What the reader needs from following. */
export interface EventReaderOptions {
  jobId: string;
  /** The page of events after a cursor; transient failures already waited out. */
  page: (after: string | undefined) => Promise<CursorPage<Event>>;
  /** The pause after every {@link MAX_PAGES_PER_POLL} pages in a row. */
  pause: () => Promise<void>;
  /** An event already handled: it and every event before it count as seen. */
  since: string | undefined;
  logger: Logger;
}

/** What one read found. */
export interface EventBatch {
  /** Events not yielded before, oldest first. */
  events: Event[];
  /** False when the read stopped at its page budget with more to read. */
  caughtUp: boolean;
}

/**
 * Which way a list runs in time, counted step by step as its events are read: a list with more
 * steps forward in time than back reads oldest first.
 */
class TimeDirection {
  #forward = 0;
  #back = 0;
  #last: number | undefined;

  /** Counts the steps between the events read so far and these. */
  see(events: readonly Event[]): void {
    for (const event of events) {
      if (this.#last !== undefined && event.created_at > this.#last) this.#forward += 1;
      if (this.#last !== undefined && event.created_at < this.#last) this.#back += 1;
      this.#last = event.created_at;
    }
  }

  get oldestFirst(): boolean {
    return this.#forward > this.#back;
  }
}

/**
 * The id of a page's last event that is not a repeat of one earlier on the page: the cursor
 * to go on from (a server that repeats an event at the end would otherwise send us back).
 */
function lastDistinctId(events: readonly Event[]): string | undefined {
  const first = new Map<string, number>();
  events.forEach((event, index) => {
    if (!first.has(event.id)) first.set(event.id, index);
  });
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const id = events[index]?.id;
    if (id !== undefined && first.get(id) === index) return id;
  }
  return undefined;
}

/**
 * Reads a job's events so that each is yielded once, oldest first, whatever the server does
 * with order and cursors. The API lists events newest first and pages back in time with
 * `after`; a read walks back from the newest until it meets an event already seen, then
 * yields what it gathered in time order. A list that reads oldest first instead (more steps
 * forward in time than back) is read forward from the last event seen. Whole pages are
 * checked, so events out of order within a page are not lost; ids are remembered (the last
 * {@link MAX_REMEMBERED_EVENTS}), so repeats within or across pages are dropped; a cursor
 * that does not advance ends the read with an `EventPagingError`; every
 * {@link MAX_PAGES_PER_POLL} pages in a row are followed by a pause.
 */
export class EventReader {
  readonly #options: EventReaderOptions;
  readonly #seen = new RecentIds(MAX_REMEMBERED_EVENTS);
  #forward = false;
  /** Reading forward: the cursor to read on from. */
  #cursor: string | undefined;
  /** The `since` event, until it has been met. */
  #since: string | undefined;
  /** Reading forward with `since` not met yet: what came before it, in case it never comes. */
  #beforeSince: Event[] = [];

  constructor(options: EventReaderOptions) {
    this.#options = options;
    this.#since = options.since;
    if (options.since) this.#seen.add(options.since);
  }

  /** The events not yielded yet, oldest first, reading as many pages as needed (paced). */
  read(): Promise<EventBatch> {
    return this.#forward ? this.#readForward([]) : this.#walkBack();
  }

  /** From the newest event back to one already seen (or the first), then in time order. */
  async #walkBack(): Promise<EventBatch> {
    const read: Event[] = [];
    const direction = new TimeDirection();
    let after: string | undefined;
    for (let pages = 1; ; pages += 1) {
      const page = await this.#options.page(after);
      read.push(...page.data);
      direction.see(page.data);
      if (direction.oldestFirst) {
        this.#forward = true;
        this.#options.logger.debug(`The events of ${this.#options.jobId} list oldest first.`);
        return this.#readForward(read, { page, after });
      }
      const metSeen = page.data.some((e) => e.id === this.#since || this.#seen.has(e.id));
      if (metSeen || !page.hasNextPage()) return { events: this.#walked(read), caughtUp: true };
      if (read.length >= MAX_REMEMBERED_EVENTS) {
        this.#options.logger.warn(
          `${this.#options.jobId} has more than ${MAX_REMEMBERED_EVENTS} events not seen yet: following yields the newest ${MAX_REMEMBERED_EVENTS}, not the older ones.`,
        );
        return { events: this.#walked(read), caughtUp: true };
      }
      after = this.#advance(page, after);
      if (pages % MAX_PAGES_PER_POLL === 0) await this.#options.pause();
    }
  }

  /** The events of a walk back that were not seen, in time order; all marked seen. */
  #walked(read: readonly Event[]): Event[] {
    const sinceAt = this.#since === undefined ? -1 : read.findIndex((e) => e.id === this.#since);
    if (this.#since !== undefined && sinceAt < 0) this.#sinceMissing();
    this.#since = undefined;
    // Newest first: everything after `since` in the walk is older than it.
    const newer = sinceAt < 0 ? read : read.slice(0, sinceAt);
    const fresh = this.#unseen(newer).reverse();
    // Stable: events of the same second keep the list's order.
    return fresh.sort((a, b) => a.created_at - b.created_at);
  }

  /**
   * Reads forward (an oldest-first list) from `#cursor`, at most {@link MAX_PAGES_PER_POLL}
   * pages. `already` is what a walk back read before it found the list runs forward, `from`
   * its last page.
   */
  async #readForward(
    already: readonly Event[],
    from?: { page: CursorPage<Event>; after: string | undefined },
  ): Promise<EventBatch> {
    const events = this.#afterSince(already);
    let current = from;
    for (let pages = 0; ; ) {
      if (!current) {
        if (pages >= MAX_PAGES_PER_POLL) return { events, caughtUp: false };
        const after = this.#cursor;
        const page = await this.#options.page(after);
        pages += 1;
        // After a cursor, an oldest-first list holds only newer events: a page of nothing
        // but events seen before is the same page again.
        const stale = page.data.length > 0 && page.data.every((e) => this.#seen.has(e.id));
        if (after !== undefined && page.hasNextPage() && stale) {
          throw new EventPagingError(this.#options.jobId, after);
        }
        events.push(...this.#afterSince(page.data));
        current = { page, after };
      }
      const { page, after } = current;
      if (page.data.length > 0) this.#cursor = this.#advance(page, after);
      if (!page.hasNextPage()) {
        return { events: [...events, ...this.#sinceNeverCame()], caughtUp: true };
      }
      current = undefined;
    }
  }

  /** Of events in time order: those after `since` (held back until it is met), unseen. */
  #afterSince(batch: readonly Event[]): Event[] {
    if (this.#since === undefined) return this.#unseen(batch);
    const at = batch.findIndex((e) => e.id === this.#since);
    if (at < 0) {
      this.#beforeSince.push(...batch);
      return [];
    }
    this.#since = undefined;
    this.#beforeSince = [];
    return this.#unseen(batch.slice(at + 1));
  }

  /** The end of the list came without `since`: what was held back is yielded after all. */
  #sinceNeverCame(): Event[] {
    if (this.#since === undefined) return [];
    this.#sinceMissing();
    this.#since = undefined;
    const held = this.#beforeSince;
    this.#beforeSince = [];
    return this.#unseen(held);
  }

  #sinceMissing(): void {
    this.#options.logger.warn(
      `Event ${this.#since} (since) is not among the events of ${this.#options.jobId}: following yields them all.`,
    );
  }

  /** The events not yielded before, each once, now marked seen. */
  #unseen(events: readonly Event[]): Event[] {
    const fresh: Event[] = [];
    for (const event of events) {
      if (this.#seen.has(event.id)) continue;
      this.#seen.add(event.id);
      fresh.push(event);
    }
    return fresh;
  }

  /**
   * The cursor after a page, refusing one that does not move: a server that ignores `after`
   * and says there is more would otherwise be asked for the same page forever.
   */
  #advance(page: CursorPage<Event>, after: string | undefined): string | undefined {
    const cursor = lastDistinctId(page.data) ?? page.nextCursor();
    if (page.hasNextPage() && (cursor === undefined || cursor === after)) {
      throw new EventPagingError(this.#options.jobId, cursor ?? after ?? '');
    }
    return cursor;
  }
}
