import type { TuneKit } from '../../client.ts';
import type { FineTuningJob, FineTuningJobEvent } from '../../schemas/index.ts';
import { type MetricPoint, pointOfEvent } from './metrics.ts';
import { describeError, type PageError } from './page-error.ts';

/** An event as the page shows it, with the curve point it carries. */
export interface EventView {
  id: string;
  /** Unix seconds. */
  createdAt: number;
  level: string;
  message: string;
  type: string | null;
  point: MetricPoint | null;
}

/** What a feed tells its listeners; `seq` numbers events so a reconnecting tab resumes. */
export type FeedMessage =
  | { type: 'event'; seq: number; event: EventView }
  | { type: 'job'; job: FineTuningJob }
  | { type: 'end'; job: FineTuningJob }
  | { type: 'failure'; error: PageError };

type Listener = (message: FeedMessage) => void;

/** How feeds follow their jobs. */
export interface JobFeedOptions {
  /** Shortest pause between polls of a followed job. Default 1,000 ms. */
  pollMs?: number | undefined;
  /** Longest pause between polls while nothing happens. Default 1,000 ms. */
  maxPollMs?: number | undefined;
  /** How long a feed nobody listens to keeps following (a reload comes back to it). Default 30 s. */
  graceMs?: number | undefined;
  /** Events kept per job; older ones are dropped (curves then come from the result file). Default 20,000. */
  maxEvents?: number | undefined;
  /** Finished feeds kept for tabs that come back. Default 20. */
  maxFinished?: number | undefined;
  /** Told about every job record a feed reads (to keep the job list current). */
  onJob?: ((job: FineTuningJob) => void) | undefined;
}

function viewOf(event: FineTuningJobEvent): EventView {
  return {
    id: event.id,
    createdAt: event.created_at,
    level: event.level,
    message: event.message,
    type: event.type ?? null,
    point: pointOfEvent(event),
  };
}

/** The events of one job, followed once for every tab that shows it. */
class JobFeed {
  readonly history: Array<{ seq: number; event: EventView }> = [];
  readonly listeners = new Set<Listener>();
  /** The last job record read, the final one once the feed ended. */
  job: FineTuningJob | undefined;
  ended: FineTuningJob | undefined;
  error: PageError | undefined;
  #seq = 0;
  readonly #controller = new AbortController();
  #graceTimer: NodeJS.Timeout | undefined;

  constructor(
    client: TuneKit,
    jobId: string,
    options: Required<Omit<JobFeedOptions, 'onJob'>> & Pick<JobFeedOptions, 'onJob'>,
  ) {
    this.#run(client, jobId, options);
  }

  get stopped(): boolean {
    return this.#controller.signal.aborted;
  }

  async #run(
    client: TuneKit,
    jobId: string,
    options: Required<Omit<JobFeedOptions, 'onJob'>> & Pick<JobFeedOptions, 'onJob'>,
  ) {
    const follow = client.jobs.follow(jobId, {
      signal: this.#controller.signal,
      pollInterval: options.pollMs,
      maxPollInterval: options.maxPollMs,
      onJob: (job) => {
        const changed = JSON.stringify(job) !== JSON.stringify(this.job);
        this.job = job;
        options.onJob?.(job);
        if (changed) this.#emit({ type: 'job', job });
      },
    });
    try {
      for (;;) {
        const next = await follow.next();
        if (next.done) {
          this.ended = next.value;
          this.job = next.value;
          options.onJob?.(next.value);
          this.#emit({ type: 'end', job: next.value });
          return;
        }
        this.#seq += 1;
        const item = { seq: this.#seq, event: viewOf(next.value) };
        this.history.push(item);
        if (this.history.length > options.maxEvents) this.history.shift();
        this.#emit({ type: 'event', ...item });
      }
    } catch (error) {
      if (this.#controller.signal.aborted) return;
      this.error = describeError(error);
      this.#emit({ type: 'failure', error: this.error });
    }
  }

  #emit(message: FeedMessage): void {
    for (const listener of this.listeners) listener(message);
  }

  /** Stops following after `ms` unless someone listens again before. */
  stopLater(ms: number, onStop: () => void): void {
    clearTimeout(this.#graceTimer);
    this.#graceTimer = setTimeout(() => {
      if (this.listeners.size > 0) return;
      this.stop();
      onStop();
    }, ms);
    this.#graceTimer.unref();
  }

  keep(): void {
    clearTimeout(this.#graceTimer);
  }

  stop(): void {
    clearTimeout(this.#graceTimer);
    this.#controller.abort();
  }
}

/**
 * One `client.jobs.follow` per job however many tabs show it: the first tab starts it, later
 * tabs get the events seen so far and then the new ones. When the last tab leaves, following
 * stops after a grace period; a finished job's events stay cached (they never change).
 */
export class JobFeeds {
  readonly #client: TuneKit;
  readonly #options: Required<Omit<JobFeedOptions, 'onJob'>> & Pick<JobFeedOptions, 'onJob'>;
  readonly #feeds = new Map<string, JobFeed>();

  constructor(client: TuneKit, options: JobFeedOptions = {}) {
    this.#client = client;
    this.#options = {
      pollMs: options.pollMs ?? 1000,
      maxPollMs: options.maxPollMs ?? 1000,
      graceMs: options.graceMs ?? 30_000,
      maxEvents: options.maxEvents ?? 20_000,
      maxFinished: options.maxFinished ?? 20,
      onJob: options.onJob,
    };
  }

  /** How many jobs are being followed (for tests and diagnostics). */
  get following(): number {
    return [...this.#feeds.values()].filter((feed) => !feed.ended && !feed.stopped).length;
  }

  /**
   * Listens to a job's feed: first every event after `afterSeq` (0: all) and the state so far,
   * then what happens next. Returns the function that stops listening.
   *
   * @example
   * const stop = feeds.subscribe('ftjob-1', 0, (message) => channel.send(message.type, message));
   */
  subscribe(jobId: string, afterSeq: number, listener: Listener): () => void {
    let feed = this.#feeds.get(jobId);
    if (feed && (feed.error || (feed.stopped && !feed.ended))) {
      this.#feeds.delete(jobId);
      feed = undefined;
    }
    if (!feed) {
      feed = new JobFeed(this.#client, jobId, this.#options);
      this.#feeds.set(jobId, feed);
      this.#trimFinished();
    }
    feed.keep();
    for (const item of feed.history) {
      if (item.seq > afterSeq) listener({ type: 'event', ...item });
    }
    if (feed.job) listener({ type: 'job', job: feed.job });
    if (feed.ended) listener({ type: 'end', job: feed.ended });
    if (feed.error) listener({ type: 'failure', error: feed.error });
    feed.listeners.add(listener);
    const current = feed;
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size === 0 && !current.ended) {
        current.stopLater(this.#options.graceMs, () => {
          if (this.#feeds.get(jobId) === current) this.#feeds.delete(jobId);
        });
      }
    };
  }

  /** Stops every feed. */
  close(): void {
    for (const feed of this.#feeds.values()) feed.stop();
    this.#feeds.clear();
  }

  #trimFinished(): void {
    const finished = [...this.#feeds.entries()].filter(
      ([, feed]) => feed.ended && feed.listeners.size === 0,
    );
    for (const [id] of finished.slice(
      0,
      Math.max(0, finished.length - this.#options.maxFinished),
    )) {
      this.#feeds.delete(id);
    }
  }
}
