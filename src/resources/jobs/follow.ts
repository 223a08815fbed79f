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
import { EventReader } from './event-reader.ts';

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
  /**
   * Shortest pause between polls, used while events keep coming. Default: 1,000 ms; never
   * less than 100 ms.
   */
  pollInterval?: number | undefined;
  /** Longest pause between polls while nothing happens. Default: 30,000 ms. */
  maxPollInterval?: number | undefined;
  /**
   * Resume after this event: it and every older event count as already seen (pass the id of
   * the last event you handled before a crash or a Ctrl-C). An id not among the job's events
   * is warned about, and every event is yielded.
   */
  since?: string | undefined;
  /** Events asked for per page. Default: 100. At most 10 pages are read before a pause. */
  pageSize?: number | undefined;
  /** Called with the job each time its status is read (for progress displays). */
  onJob?: ((job: FineTuningJob) => void) | undefined;
  /**
   * How long failures in a row (network, 5xx, 429) are waited out before following gives up
   * with the last error. Default: 15 minutes; 30 seconds until the API has answered once.
   */
  maxOutage?: number | undefined;
}

/** The shortest pause between polls, whatever `pollInterval` says. */
export const MIN_POLL_INTERVAL_MS = 100;

/** Reads after the job ended, to gather the events it wrote as it ended. */
const FINAL_READS = 10;

/**
 * Follows a fine-tuning job: yields its events in chronological order, each exactly once,
 * until the job succeeds, fails or is cancelled, then returns the final job.
 *
 * The API has no event stream, so this polls: the job's status, then the events newer than
 * the last one seen (see `EventReader`: whole pages checked, ids remembered, cursors that do
 * not advance refused, at most 10 pages in a row before a pause). Polls come every
 * `pollInterval` (at least 100 ms) while events arrive and stretch to `maxPollInterval` while
 * none do. Every request on its own waits out dropped connections, 5xx and 429 that outlast
 * the client's retries (`Patience`: a growing pause, the server's `retry-after` first, for up
 * to `maxOutage`), so a failure repeats only the request that failed, never a whole poll.
 * Errors that waiting cannot fix (401, 404, a cursor stuck) end the iteration.
 */
export async function* followJob(
  jobs: JobEventSource,
  jobId: string,
  logger: Logger,
  options: FollowOptions = {},
): AsyncGenerator<FineTuningJobEvent, FineTuningJob, undefined> {
  const { signal } = options;
  const pageSize = options.pageSize ?? 100;
  const minPause = Math.max(MIN_POLL_INTERVAL_MS, options.pollInterval ?? 1000);
  const interval = new AdaptiveInterval(minPause, options.maxPollInterval ?? 30_000);
  const patience = new Patience({
    signal,
    logger,
    label: `Following ${jobId}`,
    baseMs: minPause,
    maxOutage: options.maxOutage,
  });
  const reader = new EventReader({
    jobId,
    page: (after) =>
      patience.run(async () => jobs.events(jobId, { limit: pageSize, after }, { signal })),
    pause: () => sleep(minPause, signal),
    since: options.since,
    logger,
  });

  for (;;) {
    // Status first, events second: when the status is final, the events read after it
    // include everything the job logged before it ended.
    const job = await patience.run(async () => jobs.retrieve(jobId, { signal }));
    options.onJob?.(job);
    const batch = await reader.read();
    yield* batch.events;
    if (isTerminalJobStatus(job.status)) {
      yield* finalEvents(reader, () => sleep(minPause, signal), jobId, logger);
      return job;
    }
    const active = batch.events.length > 0 || !batch.caughtUp;
    await sleep(active ? interval.active() : interval.idle(), signal);
  }
}

/** One more read for events written in the moment the job ended; more while one stops short. */
async function* finalEvents(
  reader: EventReader,
  pause: () => Promise<void>,
  jobId: string,
  logger: Logger,
): AsyncGenerator<FineTuningJobEvent, void, undefined> {
  for (let reads = 0; reads < FINAL_READS; reads += 1) {
    if (reads > 0) await pause();
    const batch = await reader.read();
    yield* batch.events;
    if (batch.caughtUp) return;
  }
  logger.warn(`${jobId} has ended; its last events were still coming after ${FINAL_READS} reads.`);
}
