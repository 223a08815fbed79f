import type { RequestOptions } from '../../core/http-client.ts';
import type { Logger } from '../../core/logger.ts';
import type { CursorPage } from '../../core/pagination.ts';
import { AdaptiveInterval, Patience } from '../../core/polling.ts';
import { sleep } from '../../core/sleep.ts';
import type { FineTuningJobEvent } from '../../schemas/fine-tuning-event.ts';
import {
  type CursorParams,
  type FineTuningJob,
  isTerminalJobStatus,
} from '../../schemas/fine-tuning-job.ts';

/** What following needs of the jobs resource: the job, and its events page by page. */
export interface JobEventSource {
  retrieve(jobId: string, options?: RequestOptions): PromiseLike<FineTuningJob>;
  events(
    jobId: string,
    params?: CursorParams,
    options?: RequestOptions,
  ): PromiseLike<CursorPage<FineTuningJobEvent>>;
}

/** Options of `jobs.follow`. */
export interface FollowOptions {
  /** Stops following (the job itself goes on). */
  signal?: AbortSignal | undefined;
  /** Shortest pause between polls, used while events keep coming. Default: 1,000 ms. */
  pollInterval?: number | undefined;
  /** Longest pause between polls while nothing happens. Default: 30,000 ms. */
  maxPollInterval?: number | undefined;
  /**
   * Resume after this event: it and every older event count as already seen (pass the id of
   * the last event you handled before a crash or a Ctrl-C).
   */
  since?: string | undefined;
  /** Events asked for per page. Default: 100. */
  pageSize?: number | undefined;
  /** Called with the job each time its status is read (for progress displays). */
  onJob?: ((job: FineTuningJob) => void) | undefined;
  /**
   * How long failures in a row (network, 5xx, 429) are waited out before following gives up
   * with the last error. Default: 15 minutes; 30 seconds until the API has answered once.
   */
  maxOutage?: number | undefined;
}

/**
 * The events of a job that are not in `seen`, oldest first. The API lists events newest first
 * and pages backwards with `after`, so this reads pages until it meets an event already seen
 * (or the very first event of the job).
 */
async function unseenEvents(
  jobs: JobEventSource,
  jobId: string,
  seen: ReadonlySet<string>,
  pageSize: number,
  signal: AbortSignal | undefined,
): Promise<FineTuningJobEvent[]> {
  const fresh: FineTuningJobEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await jobs.events(jobId, { limit: pageSize, after }, { signal });
    for (const event of page.data) {
      if (seen.has(event.id)) return fresh.reverse();
      fresh.push(event);
    }
    if (!page.hasNextPage()) return fresh.reverse();
    after = page.nextCursor();
  }
}

/**
 * Follows a fine-tuning job: yields its events in chronological order, each exactly once,
 * until the job succeeds, fails or is cancelled, then returns the final job.
 *
 * The API has no event stream, so this polls: the job's status, then the events newer than the
 * last one seen. Polls come every `pollInterval` while events arrive and stretch to
 * `maxPollInterval` while none do. Dropped connections, 5xx and 429 that outlast the client's
 * own retries are waited out with a growing pause (the server's `retry-after` first) and
 * logged as warnings; nothing is lost or repeated across them, because progress is the set of
 * event ids already yielded. Errors that waiting cannot fix (401, 404, …) end the iteration.
 */
export async function* followJob(
  jobs: JobEventSource,
  jobId: string,
  logger: Logger,
  options: FollowOptions = {},
): AsyncGenerator<FineTuningJobEvent, FineTuningJob, undefined> {
  const { signal, since } = options;
  const pageSize = options.pageSize ?? 100;
  const interval = new AdaptiveInterval(
    options.pollInterval ?? 1000,
    options.maxPollInterval ?? 30_000,
  );
  const seen = new Set<string>(since ? [since] : []);

  const patience = new Patience({
    signal,
    logger,
    label: `Following ${jobId}`,
    baseMs: options.pollInterval ?? 1000,
    maxOutage: options.maxOutage,
  });
  const patiently = <T>(poll: () => Promise<T>) => patience.run(poll);
  const readEvents = () => unseenEvents(jobs, jobId, seen, pageSize, signal);

  for (;;) {
    // Status first, events second: when the status is final, the events read after it
    // include everything the job logged before it ended.
    const [job, fresh] = await patiently(async () => {
      const current = await jobs.retrieve(jobId, { signal });
      options.onJob?.(current);
      return [current, await readEvents()] as const;
    });
    for (const event of fresh) {
      seen.add(event.id);
      yield event;
    }
    if (isTerminalJobStatus(job.status)) {
      // One more read for events written in the moment the job ended.
      for (const event of await patiently(readEvents)) {
        seen.add(event.id);
        yield event;
      }
      return job;
    }
    await sleep(fresh.length > 0 ? interval.active() : interval.idle(), signal);
  }
}
