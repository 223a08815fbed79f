import { setTimeout as sleep } from 'node:timers/promises';
import type { TuneKit } from '../../client.ts';
import { type FineTuningJob, isTerminalJobStatus } from '../../schemas/index.ts';
import type { CostBook } from './cost.ts';
import { type JobRow, jobRow } from './job-view.ts';
import type { Lifecycles } from './lifecycles.ts';
import { describeError, type PageError } from './page-error.ts';

/** The whole list as the page first gets it. */
export interface JobsSnapshot {
  jobs: JobRow[];
  /** More jobs exist than the dashboard keeps (the newest `maxJobs` are shown). */
  truncated: boolean;
  /** Why the last look at the API failed (the list shown is then the last one known). */
  error: PageError | null;
  /** The server's clock in Unix seconds. */
  now: number;
}

/** What changed since the last message: rows new or different, and rows gone. */
export interface JobsUpdate {
  changed: JobRow[];
  removed: string[];
  truncated: boolean;
  error: PageError | null;
  now: number;
}

/** How the watcher works. */
export interface JobsWatcherOptions {
  /** Pause between looks while a tab watches. Default 5,000 ms. */
  pollMs?: number | undefined;
  /** Most jobs kept (newest first). Default 2,000. */
  maxJobs?: number | undefined;
  /** Running jobs beyond the first page re-read per look, at most. Default 20. */
  maxRetrievesPerPoll?: number | undefined;
  /** The server's clock in ms (the fake's clock under `--fake`). Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** Called with what changed for this listener since it last heard. */
type Listener = (update: JobsUpdate) => void;

/** A listener and the JSON of each row as it last heard of it. */
interface Subscription {
  listener: Listener;
  sent: Map<string, string>;
}

/** Looks slow down after failures: up to a minute apart. */
const MAX_BACKOFF_MS = 60_000;
const PAGE = 100;

/**
 * Keeps the account's job list current while tabs watch it: the whole list once (every page,
 * up to `maxJobs`), then every `pollMs` the first page (new jobs, recent changes) plus the
 * unfinished jobs beyond it, one by one. Listeners get only the rows that changed. Failures
 * keep the last list and say why; looks then slow down, up to a minute apart.
 */
export class JobsWatcher {
  readonly #client: TuneKit;
  readonly #costs: CostBook;
  readonly #lifecycles: Lifecycles;
  readonly #pollMs: number;
  readonly #maxJobs: number;
  readonly #maxRetrieves: number;
  readonly #now: () => number;
  readonly #jobs = new Map<string, FineTuningJob>();
  readonly #subscriptions = new Set<Subscription>();
  #truncated = false;
  #error: PageError | null = null;
  #loaded: Promise<void> | undefined;
  #lastLook = 0;
  /** Where the next round of re-reading unfinished jobs beyond the first page starts. */
  #straggler = 0;
  #loop: AbortController | undefined;
  #closed = false;

  constructor(
    client: TuneKit,
    costs: CostBook,
    lifecycles: Lifecycles,
    options: JobsWatcherOptions = {},
  ) {
    this.#client = client;
    this.#costs = costs;
    this.#lifecycles = lifecycles;
    this.#pollMs = options.pollMs ?? 5000;
    this.#maxJobs = options.maxJobs ?? 2000;
    this.#maxRetrieves = options.maxRetrievesPerPoll ?? 20;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The list as it is now: loads it first if it never was, and looks again if the last look
   * is older than the poll interval.
   *
   * @example
   * const { jobs, error } = await watcher.snapshot();
   */
  async snapshot(): Promise<JobsSnapshot> {
    if (!this.#loaded) this.#loaded = this.#look();
    await this.#loaded;
    if (this.#subscriptions.size === 0 && Date.now() - this.#lastLook > this.#pollMs) {
      await this.#look();
    }
    const jobs = this.#rows();
    return { jobs, truncated: this.#truncated, error: this.#error, now: this.#nowS() };
  }

  /**
   * Calls `listener` with every change after `known` (the rows of the snapshot it started
   * from) until the returned function is called; while anyone listens, the list is polled.
   *
   * @example
   * const first = await watcher.snapshot();
   * const stop = watcher.subscribe((update) => send(update), first.jobs);
   */
  subscribe(listener: Listener, known: readonly JobRow[] = []): () => void {
    const subscription = {
      listener,
      sent: new Map(known.map((row) => [row.id, JSON.stringify(row)])),
    };
    this.#subscriptions.add(subscription);
    if (!this.#loop) this.#startLoop();
    return () => {
      this.#subscriptions.delete(subscription);
      if (this.#subscriptions.size === 0) {
        this.#loop?.abort();
        this.#loop = undefined;
      }
    };
  }

  /** Takes in a job seen elsewhere (a followed job, the answer to an action). */
  observe(job: FineTuningJob): void {
    if (!this.#jobs.has(job.id) && !this.#loaded) return;
    this.#jobs.set(job.id, job);
    this.changed();
  }

  /** Sends the rows that changed (after a job was observed, a cost or lifecycle arrived). */
  changed(): void {
    if (this.#subscriptions.size === 0 || this.#closed) return;
    const rows = this.#rows().map((row) => ({ row, text: JSON.stringify(row) }));
    const now = this.#nowS();
    for (const subscription of this.#subscriptions) {
      const changed = rows.filter(({ row, text }) => subscription.sent.get(row.id) !== text);
      const next = new Map(rows.map(({ row, text }) => [row.id, text]));
      const removed = [...subscription.sent.keys()].filter((id) => !next.has(id));
      subscription.sent = next;
      subscription.listener({
        changed: changed.map(({ row }) => row),
        removed,
        truncated: this.#truncated,
        error: this.#error,
        now,
      });
    }
  }

  /** Stops polling for good. */
  close(): void {
    this.#closed = true;
    this.#loop?.abort();
    this.#subscriptions.clear();
  }

  #nowS(): number {
    return Math.floor(this.#now() / 1000);
  }

  #rows(): JobRow[] {
    const now = this.#nowS();
    // Stable: jobs of the same second keep the API's order (newest first).
    return [...this.#jobs.values()]
      .sort((a, b) => b.created_at - a.created_at)
      .map((job) => jobRow(job, now, this.#costs, this.#lifecycles));
  }

  #startLoop(): void {
    const loop = new AbortController();
    this.#loop = loop;
    (async () => {
      // A tab subscribes right after a snapshot: the first look is one interval later.
      if (!this.#loaded) this.#loaded = this.#look();
      await this.#loaded;
      this.changed();
      let failures = this.#error ? 1 : 0;
      while (!loop.signal.aborted) {
        const wait = Math.min(MAX_BACKOFF_MS, this.#pollMs * 2 ** Math.min(failures, 6));
        await sleep(wait, undefined, { signal: loop.signal }).catch(() => undefined);
        if (loop.signal.aborted) return;
        await this.#look();
        failures = this.#error ? failures + 1 : 0;
        this.changed();
      }
    })();
  }

  /** One look at the API: every page the first time, the first page and stragglers after. */
  async #look(): Promise<void> {
    this.#lastLook = Date.now();
    try {
      if (this.#jobs.size === 0 && !this.#error) await this.#loadAll();
      else await this.#refresh();
      this.#error = null;
    } catch (error) {
      this.#error = describeError(error);
    }
  }

  async #loadAll(): Promise<void> {
    const jobs: FineTuningJob[] = [];
    let truncated = false;
    for await (const job of this.#client.jobs.list({ limit: PAGE })) {
      if (jobs.length >= this.#maxJobs) {
        truncated = true;
        break;
      }
      jobs.push(job);
    }
    this.#jobs.clear();
    for (const job of jobs) this.#jobs.set(job.id, job);
    this.#truncated = truncated;
  }

  async #refresh(): Promise<void> {
    if (this.#jobs.size === 0) return this.#loadAll();
    const page = await this.#client.jobs.list({ limit: PAGE });
    const seen = new Set<string>();
    for (const job of page.data) {
      seen.add(job.id);
      this.#jobs.set(job.id, job);
    }
    const unfinished = [...this.#jobs.values()].filter(
      (job) => !seen.has(job.id) && !isTerminalJobStatus(job.status),
    );
    // Round-robin: with more of them than one look re-reads, each gets its turn.
    const start = unfinished.length === 0 ? 0 : this.#straggler % unfinished.length;
    const stragglers = [...unfinished.slice(start), ...unfinished.slice(0, start)].slice(
      0,
      this.#maxRetrieves,
    );
    this.#straggler = start + stragglers.length;
    for (const job of stragglers) {
      this.#jobs.set(job.id, await this.#client.jobs.retrieve(job.id));
    }
    // Keep the newest maxJobs.
    if (this.#jobs.size > this.#maxJobs) {
      const keep = [...this.#jobs.values()]
        .sort((a, b) => b.created_at - a.created_at)
        .slice(0, this.#maxJobs);
      this.#jobs.clear();
      for (const job of keep) this.#jobs.set(job.id, job);
      this.#truncated = true;
    }
  }
}
